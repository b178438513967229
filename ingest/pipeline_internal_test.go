package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestBatchIsFullOfDocumentsOrOfText: the indexer sends its batch on when
// it holds BatchSize documents or as much text as the index writes at once,
// so that long documents (OCR'd reports, yearbooks) are not held by the
// hundred; and never past that much text, which Index would cut in two,
// writing a document or two as a batch of its own.
func TestBatchIsFullOfDocumentsOrOfText(t *testing.T) {
	job := func(kb int) indexJob {
		half := strings.Repeat("学", kb*1024/2/3) // two pages of kb KB in all
		return indexJob{pages: []string{half, half}}
	}
	tests := []struct {
		name    string
		kb      []int // each job's text
		maxJobs int
		sent    []int // the batches sent on, by their number of jobs
		waiting int   // jobs left in the batch
	}{
		{"short documents fill by count", []int{3, 3, 3, 3}, 3, []int{3}, 1},
		{"long documents: sent before one that would not fit", []int{400, 400, 400, 400, 400}, 256, []int{2, 2}, 1},
		{"documents that leave too little room", []int{512, 512, 3}, 256, []int{2}, 1},
		{"one longer than a batch goes alone", []int{3, 2000, 3}, 256, []int{1, 1}, 1},
		{"under both", []int{100, 100}, 256, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := pendingBatch{maxJobs: tt.maxJobs}
			var sent []int
			send := func(jobs []indexJob) {
				sent = append(sent, len(jobs))
				docs := make([]index.Document, len(jobs))
				text := 0
				for i, j := range jobs {
					docs[i] = index.Document{Pages: j.pages}
					text += docs[i].TextSize()
				}
				if len(jobs) > 1 && text > index.MaxBatchText {
					t.Errorf("sent %d jobs with %d bytes of text: Index cuts more than MaxBatchText (%d) in two", len(jobs), text, index.MaxBatchText)
				}
			}
			waiting := false
			for _, kb := range tt.kb {
				waiting = b.offer(job(kb), send)
			}
			if !slices.Equal(sent, tt.sent) {
				t.Errorf("sent batches of %v jobs, want %v", sent, tt.sent)
			}
			if len(b.jobs) != tt.waiting || waiting != (tt.waiting > 0) {
				t.Errorf("%d jobs waiting (offer said %v), want %d", len(b.jobs), waiting, tt.waiting)
			}
			b.send(send)
			if len(b.jobs) != 0 || b.text != 0 {
				t.Errorf("send left %d jobs, %d bytes", len(b.jobs), b.text)
			}
		})
	}
}
