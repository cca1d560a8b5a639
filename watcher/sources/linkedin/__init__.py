"""LinkedIn's own exports: the data archive (ZIP) and its CSV files dropped loose, with every header
variant, preamble and encoding seen in the wild; messages reduced per person; and captures of the
invitation manager page, saved by the browser or by the bookmarklet (``page``).
"""
