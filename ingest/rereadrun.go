package ingest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// OutdatedCount is how many documents newer readers would read otherwise,
// counted from the catalog alone (no text is loaded).
type OutdatedCount struct {
	Texts  int // whose stored text an older extraction reader read, no citation holding it
	Fields int // whose title, 文号, issuer and date an older field reader read
	// Documents counts those of either kind once.
	Documents int
	// Unknown counts the documents whose text's reader the catalog has not
	// recorded (extracted before it did): a run loads their texts, reads
	// again those an older reader read, and records the others' readers.
	Unknown int
}

// CountOutdated counts the documents RereadOutdated and RereadFields would
// read again, as the admin page shows them. A text a claim or a value
// cites is not counted: RereadOutdated keeps it. One aggregate query
// (catalog.TallyReaders), however many documents the archive holds.
func (s *Service) CountOutdated(ctx context.Context) (OutdatedCount, error) {
	tallies, err := s.cat.TallyReaders(ctx, fields.Revision)
	if err != nil {
		return OutdatedCount{}, err
	}
	var c OutdatedCount
	for _, t := range tallies {
		text := false
		switch {
		case t.Reader == nil:
			c.Unknown += t.Documents
		case t.Reader.Version < extract.VersionOf(t.Reader.Name) && !t.Cited:
			c.Texts += t.Documents
			text = true
		}
		if t.FieldsBefore {
			c.Fields += t.Documents
		}
		if text || t.FieldsBefore {
			c.Documents += t.Documents
		}
	}
	return c, nil
}

// RereadRun is a run of 重新读取 on the running server: RereadOutdated
// then RereadFields, what they found and how far they are.
type RereadRun struct {
	By                string // the admin who started it
	Started, Finished time.Time
	Running           bool
	Phase             string     // "text" while texts are read again, then "fields"
	Done, Total       int        // of the phase
	Queued            []string   // documents whose text was read anew, queued for the pipeline
	Kept              []KeptText // texts left as older readers gave them, and why
	Fields            FieldsReread
	// Quotes is what looking again for the quotes cited in the texts
	// read anew did, counted as the run goes.
	Quotes QuoteChecks
	Err    error // why the run stopped short, nil when it did not
}

// rereadState holds the latest run; the mutex keeps two from running at
// once and readers from seeing it half written.
type rereadState struct {
	mu  sync.Mutex
	run *RereadRun
}

// StartReread starts, for an admin, in the background of the running
// pipeline, what `evidence repair --outdated` does to texts and fields
// (RereadOutdated, RereadFields), and queues the documents they changed
// for the pipeline, which indexes them anew from their new text or
// fields. A run already going is ECONFLICT; a service not started is
// EUNAVAILABLE. RereadState says how it goes.
func (s *Service) StartReread(u *catalog.User) error {
	if u == nil || u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以用新版读取器重新读取材料")
	}
	if s.cfg.Shared {
		// One run per node: nothing stops another node's run on the same
		// catalog, and two would read the same texts at once.
		return catalog.Errorf(catalog.ECONFLICT, "目录由多台服务器共用，无法在运行中重新读取；请停止所有服务器后运行 evidence repair --outdated")
	}
	if s.running == nil {
		return catalog.Errorf(catalog.EUNAVAILABLE, "处理流程没有运行，无法重新读取")
	}
	s.reread.mu.Lock()
	defer s.reread.mu.Unlock()
	if s.reread.run != nil && s.reread.run.Running {
		return catalog.Errorf(catalog.ECONFLICT, "重新读取正在进行（已完成 %d/%d），请稍后再查看进度", s.reread.run.Done, s.reread.run.Total)
	}
	run := &RereadRun{By: u.Username, Started: time.Now(), Running: true, Phase: "text"}
	s.reread.run = run
	s.log.Info("reread started", "user", u.Username)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.runReread(s.running, run)
	}()
	return nil
}

// RereadState is the latest run as it stands, nil when none ran since the
// server started.
func (s *Service) RereadState() *RereadRun {
	s.reread.mu.Lock()
	defer s.reread.mu.Unlock()
	if s.reread.run == nil {
		return nil
	}
	r := *s.reread.run
	r.Quotes.Reasons = slices.Clone(r.Quotes.Reasons)
	return &r
}

// runReread is StartReread's background work.
func (s *Service) runReread(ctx context.Context, run *RereadRun) {
	progress := func(done, total int) {
		s.reread.mu.Lock()
		run.Done, run.Total = done, total
		s.reread.mu.Unlock()
	}
	quotes := func(q QuoteChecks) {
		s.reread.mu.Lock()
		run.Quotes.Add(q)
		s.reread.mu.Unlock()
	}
	queued, kept, err := s.RereadOutdatedQuotes(ctx, progress, quotes)
	// Indexed from their new text now, not once the fields are read too.
	for _, id := range queued {
		s.queue.push(id)
	}
	s.reread.mu.Lock()
	run.Queued, run.Kept, run.Phase, run.Done, run.Total = queued, kept, "fields", 0, 0
	s.reread.mu.Unlock()
	var reread FieldsReread
	if err == nil {
		reread, err = s.RereadFields(ctx, progress)
	}
	for _, d := range reread.Changed {
		if !slices.Contains(queued, d.ID) {
			s.queue.push(d.ID)
		}
	}
	s.reread.mu.Lock()
	run.Fields, run.Err, run.Running, run.Finished = reread, err, false, time.Now()
	s.reread.mu.Unlock()
	if err != nil {
		s.log.Error("reread", "err", err)
		return
	}
	s.log.Info("reread done", "texts", len(queued), "kept", len(kept), "fields", reread.Read, "changed", len(reread.Changed),
		"heads", reread.Heads, "heads_left", reread.HeadsLeft,
		"quotes", run.Quotes.Checked, "quotes_changed", run.Quotes.Changed, "quotes_failed", run.Quotes.Failed)
}
