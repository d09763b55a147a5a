# unit tests of this module
