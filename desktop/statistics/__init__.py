"""Statistics: opening a control file, the Statistics table and the Method panel."""
