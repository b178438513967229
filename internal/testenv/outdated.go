package testenv

import (
	"context"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// The 通知 whose 文号 an older field reader took from the policy it cites
// (CitedNumber) rather than its own (OwnNumber); a person then typed its
// issuer (PersonsIssuer).
const (
	OutdatedNotice = "杭州市教育局文件\n\n杭教职成〔2018〕5号\n\n杭州市教育局关于开展2018年全民终身学习活动周的通知\n\n" +
		"各区、县（市）教育局：\n    根据《浙江省人民政府关于推进学习型社会建设的意见》（浙政发〔2016〕3号）精神，经研究，" +
		"决定于2018年10月开展全民终身学习活动周，请认真组织实施。\n\n杭州市教育局\n2018年9月3日\n"
	CitedNumber, OwnNumber = "浙政发〔2016〕3号", "杭教职成〔2018〕5号"
	PersonsIssuer          = "杭州市教育局办公室"
	// OutdatedWords are in oldText's file, not in the text an older
	// reader gave.
	OutdatedWords = "1260场"
)

// OutdatedArchive stores two indexed documents of city as an older release
// left them: oldText, whose text an older extraction reader gave (garbage
// where its words are), and oldFields, whose 文号 an older field reader
// read wrongly (CitedNumber) and whose issuer editor typed since.
func (e *Env) OutdatedArchive(city, editor string) (oldText, oldFields *catalog.Document) {
	e.T.Helper()
	ctx := context.Background()
	oldText = e.Upload(city, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动"+OutdatedWords+"。")
	oldFields = e.Upload(city, "活动周通知.txt", OutdatedNotice)

	text, err := ingest.LoadText(ctx, e.Blobs, oldText.SHA256)
	if err != nil {
		e.T.Fatal(err)
	}
	older := extract.VersionOf(text.Extractor) - 1
	stale := &ingest.StoredText{Extractor: text.Extractor, Version: older, Pages: []string{"x 8 «es 7 a | Be FE"}}
	if _, err := e.SaveText(oldText.SHA256, stale); err != nil {
		e.T.Fatal(err)
	}
	if err := e.Catalog.RecordTextReader(ctx, oldText.SHA256, catalog.TextReader{Name: text.Extractor, Version: older}); err != nil {
		e.T.Fatal(err)
	}

	// What the older field reader read: the cited 文号, at revision 0.
	read := catalog.FieldFill{Title: oldFields.Title, DocNumber: CitedNumber, Issuer: "杭州市教育局", IssuedOn: oldFields.IssuedOn}
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: oldFields.ID, Status: catalog.StatusIndexed, Fill: &read}); err != nil {
		e.T.Fatal(err)
	}
	issuer := PersonsIssuer
	if _, err := e.Catalog.UpdateDocument(ctx, oldFields.ID, catalog.DocumentPatch{Issuer: &issuer}, editor); err != nil {
		e.T.Fatal(err)
	}
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: oldFields.ID, Status: catalog.StatusIndexed}); err != nil {
		e.T.Fatal(err)
	}
	return oldText, oldFields
}

// WaitRereadDone waits for the latest 重新读取 run (ingest.StartReread) to
// end, fatal if it stopped short, and for the documents ids to be indexed
// again.
func (e *Env) WaitRereadDone(ids ...string) *ingest.RereadRun {
	e.T.Helper()
	deadline := time.Now().Add(WaitTimeout)
	for {
		run := e.Ingest.RereadState()
		if run != nil && !run.Running {
			if run.Err != nil {
				e.T.Fatalf("the run stopped short: %v", run.Err)
			}
			for _, id := range ids {
				e.WaitIndexed(id)
			}
			return run
		}
		if time.Now().After(deadline) {
			e.T.Fatalf("the run did not end within %s: %+v", WaitTimeout, run)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
