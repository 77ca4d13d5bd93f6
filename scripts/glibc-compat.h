/* Force-included (-include) into every C/C++ file scripts/build_bundle_compat.sh compiles in the
 * Debian 11 build root (glibc 2.31): glibc 2.29 gave exp, exp2, log, log2 and pow new symbol
 * versions (faster, same results within their error bounds); binding references to the older
 * versions, which every glibc since still exports, keeps these binaries loadable on glibc 2.28
 * (统信UOS 20). aarch64 has only one version of each (GLIBC_2.17): nothing to do there. */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
