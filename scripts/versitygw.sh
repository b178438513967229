#!/bin/sh
# Installs the Versity S3 Gateway that the blob package's S3 tests run
# against, unless it is already there. Safe to run any number of times;
# CI and `make test` call it before `go test`. Prints the binary's path.
set -eu

VERSION="${VERSITYGW_VERSION:-v1.8.0}"

find_gateway() {
	if command -v versitygw >/dev/null 2>&1; then
		command -v versitygw
		return 0
	fi
	# `go install` puts binaries in the first GOPATH entry's bin, which is
	# often not on PATH; the tests look there too.
	gobin="$(go env GOBIN)"
	if [ -z "$gobin" ]; then
		gobin="$(go env GOPATH | cut -d: -f1)/bin"
	fi
	if [ -x "$gobin/versitygw" ]; then
		echo "$gobin/versitygw"
		return 0
	fi
	return 1
}

if path="$(find_gateway)"; then
	echo "versitygw: $path"
	exit 0
fi

echo "versitygw: not found; installing github.com/versity/versitygw/cmd/versitygw@$VERSION" >&2
go install "github.com/versity/versitygw/cmd/versitygw@$VERSION"

if path="$(find_gateway)"; then
	echo "versitygw: $path"
	exit 0
fi
echo "versitygw: installed but not found in PATH, GOBIN or GOPATH/bin" >&2
exit 1
