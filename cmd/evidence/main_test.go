package main

import (
	"os"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// asEvidence, set in a child's environment, makes this test binary run as
// the evidence binary itself (faults_e2e_test.go starts `evidence serve`
// this way to kill it with SIGKILL).
const asEvidence = "EVIDENCE_TEST_RUN_AS_EVIDENCE"

// TestMain lets this test binary be the extraction sandbox's child, as the
// evidence binary is: the servers the tests start run extractions in
// `<test binary> extract-child` processes. With asEvidence set it is the
// whole evidence binary, and `hold-catalog-lock` holds a catalog's lock
// as another program would.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "extract-child" {
		os.Exit(extract.RunChild(os.Stdin, os.Stdout))
	}
	if len(os.Args) > 2 && os.Args[1] == "hold-catalog-lock" {
		os.Exit(holdCatalogLock(os.Args[2]))
	}
	if os.Getenv(asEvidence) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(pgtest.Main(m))
}
