"""OpenAPI paths of 备案, platform side (issue 8); loaded by gen-openapi.py."""


def schemas(h):
    return {}


def paths(h):
    return {}
