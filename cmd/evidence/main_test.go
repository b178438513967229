package main

import (
	"github.com/lcmonitor/evidence/internal/pgtest"
	"os"
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestMain lets this test binary be the extraction sandbox's child, as the
// evidence binary is: the servers the tests start run extractions in
// `<test binary> extract-child` processes.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "extract-child" {
		os.Exit(extract.RunChild(os.Stdin, os.Stdout))
	}
	os.Exit(pgtest.Main(m))
}
