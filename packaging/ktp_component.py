"""Entry of the "Baca KTP" bundle component (build-ktp.spec): it names what the component carries.

Never run: PyInstaller follows these imports to collect Tesseract (tesserocr and its libraries) and Qt
Multimedia (the webcam), which the base bundle leaves out.
"""

import tesserocr  # noqa: F401
from PySide6 import QtMultimedia, QtMultimediaWidgets  # noqa: F401
