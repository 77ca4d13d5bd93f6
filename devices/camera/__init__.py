"""Counter camera: e-voucher QR scanning and document photos (issue 6).

Everything here is Qt-free and works on numpy arrays; desktop/camera_bridge.py turns the
callbacks into Qt signals. ``base`` holds the value types, ``capture`` the device thread,
``qr`` the decoders, ``evoucher`` the token rules, ``document`` the material-photo pipeline,
``keyburst`` the scanner-gun parser and ``manager`` picks a source and falls back to a null one.
"""
