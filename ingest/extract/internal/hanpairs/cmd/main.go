// Command hanpairs writes hanpairs.bin of package extract (go generate).
package main

import (
	"log"
	"os"

	"github.com/lcmonitor/evidence/ingest/extract/internal/hanpairs"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: hanpairs OUT.bin")
	}
	if err := hanpairs.Write(os.Args[1]); err != nil {
		log.Fatal(err)
	}
}
