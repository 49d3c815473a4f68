"""Sample reports the project generates itself, for `yusuan run` out of the box and for tests."""
