package ingest

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestBatchIsFullOfDocumentsOrOfText: the indexer sends its batch on when
// it holds BatchSize documents or as much text as the index writes at once,
// so that long documents (OCR'd reports, yearbooks) are not held by the
// hundred.
func TestBatchIsFullOfDocumentsOrOfText(t *testing.T) {
	job := func(kb int) indexJob {
		half := strings.Repeat("学", kb*1024/2/3) // two pages of kb KB in all
		return indexJob{pages: []string{half, half}}
	}
	tests := []struct {
		name     string
		kb       []int // each job's text
		maxJobs  int
		fullAtNo int // the job, from 1, at which the batch is full; 0 for never
	}{
		{"short documents fill by count", []int{3, 3, 3, 3}, 3, 3},
		{"long documents fill by text", []int{400, 400, 400, 400}, 256, 3},
		{"one longer than a batch is full alone", []int{2000}, 256, 1},
		{"under both", []int{100, 100}, 256, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := pendingBatch{maxJobs: tt.maxJobs}
			full := 0
			for i, kb := range tt.kb {
				if b.add(job(kb)) {
					full = i + 1
					break
				}
			}
			if full != tt.fullAtNo {
				t.Errorf("full at job %d (%d bytes of text), want %d; MaxBatchText %d", full, b.text, tt.fullAtNo, index.MaxBatchText)
			}
			b.reset()
			if len(b.jobs) != 0 || b.text != 0 {
				t.Errorf("reset left %d jobs, %d bytes", len(b.jobs), b.text)
			}
		})
	}
}
