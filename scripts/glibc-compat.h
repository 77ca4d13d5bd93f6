/* Force-included (-include) into every C/C++ file scripts/build_bundle_compat.sh compiles in the
 * Debian 11 build root (glibc 2.31), so the bundle's own binaries load on glibc 2.28 (统信UOS 20).
 *
 * glibc 2.29 gave exp, exp2, log, log2 and pow new symbol versions (faster, same results within
 * their error bounds); binding references to the older versions, which every glibc since still
 * exports, removes the need for 2.29. On aarch64 they are not pinned: its floor is 2.31 (PySide6), above 2.29. */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif

/* bullseye's libstdc++ headers (GCC 10) make std::condition_variable, std::timed_mutex and
 * std::shared_timed_mutex wait on the steady clock through pthread_cond_clockwait,
 * pthread_mutex_clocklock and pthread_rwlock_clock*lock (glibc 2.30; OpenCV's threads use them).
 * Without these macros the headers take their older path (pthread_cond_timedwait etc. on the
 * system clock, converted from the steady clock), as GCC 8's did. c++config.h has an include
 * guard, so undefining after its first inclusion holds for the whole translation unit. */
#if defined(__cplusplus)
#include <bits/c++config.h>
#undef _GLIBCXX_USE_PTHREAD_COND_CLOCKWAIT
#undef _GLIBCXX_USE_PTHREAD_MUTEX_CLOCKLOCK
#undef _GLIBCXX_USE_PTHREAD_RWLOCK_CLOCKLOCK
#endif
