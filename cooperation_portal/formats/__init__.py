"""The portal's own date formats, over Django's for a language (FORMAT_MODULE_PATH).

Only the names a module defines replace Django's: the dates shown on pages stay Django's.
"""
