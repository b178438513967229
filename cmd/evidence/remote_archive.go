package main

import (
	"github.com/lcmonitor/evidence/catalog"
)

// fromArchive says whether the answer is an archive's files, each entry
// naming the archive it came in: a server that unpacked the file sent.
func (b *groupAnswer) fromArchive() bool {
	for _, d := range b.Documents {
		if d.Archive != "" {
			return true
		}
	}
	for _, e := range b.Errors {
		if e.Archive != "" {
			return true
		}
	}
	return false
}

// archiveMembers is an outcome for each file of the archive job sent, as
// the server answered (body): the stored and duplicate files, then those
// it refused (damaged, encrypted …) with its reason, so that none is
// hidden behind the archive's one line and the counts are of files.
func (c *remote) archiveMembers(job fileJob, body *groupAnswer) []*fileOutcome {
	var out []*fileOutcome
	member := func(name string) *fileOutcome {
		o := &fileOutcome{Path: job.Path + "/" + name, Archive: job.Path, Outcome: "failed", answered: true, laterMember: len(out) > 0}
		out = append(out, o)
		return o
	}
	for _, d := range body.Documents {
		o := member(d.UploadedAs)
		o.ID, o.Status, o.Error, o.Duplicate, o.docFields = d.ID, d.Status, words(c.lang, d.Error, d.ErrorEn), d.Duplicate, d.docFields
		o.Repaired, o.uploadedBy, o.uploadedAt = d.RepairedOriginal, d.UploadedBy, d.UploadedAt
		o.Outcome = "stored"
		if d.Duplicate {
			o.Outcome, o.Task = "duplicate", job.Fields["assignment"]
		}
		if d.Status == "failed" {
			o.Outcome = "failed"
		}
	}
	for _, e := range body.Errors {
		o := member(e.Filename)
		o.Error = describeIn(&catalog.Error{Code: e.Error.Code, Message: e.Error.Message, English: e.Error.MessageEn}, c.lang)
	}
	return out
}

// expandArchives is outcomes with each archive the server unpacked
// replaced by its files' outcomes.
func expandArchives(outcomes []*fileOutcome) []*fileOutcome {
	var out []*fileOutcome
	for _, o := range outcomes {
		if o != nil && o.members != nil {
			out = append(out, o.members...)
			continue
		}
		out = append(out, o)
	}
	return out
}

// jobsDone is how many of the files given the outcomes are of: an
// archive's files count as the one archive.
func jobsDone(outcomes []*fileOutcome) int {
	n := 0
	for _, o := range outcomes {
		if o != nil && !o.laterMember {
			n++
		}
	}
	return n
}
