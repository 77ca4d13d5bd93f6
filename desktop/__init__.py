"""desktop package."""

from desktop import import_sources

import_sources.install()  # when Qt is already imported (tests, benches); app.py installs it otherwise
