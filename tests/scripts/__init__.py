"""Tests of the build steps in scripts/, one module each (a package, so names may repeat those of tests/)."""
