package assignments

import (
	"context"
	"fmt"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// Kinds of HandInNote.
const (
	// NoteOtherRound: the file handed in is an archived document of
	// another round (last year's folder sent again).
	NoteOtherRound = "other_round"
	// NoteOtherDepartment: the archive files it under another department.
	NoteOtherDepartment = "other_department"
)

// HandInNote is what a coordinator should know of a file handed in before
// 确认 (probe s42 finding 3): the bytes are an archived document of
// another round, or one the archive files under another department. The
// department alone was told (重复文件); the board and the API's task say
// it beside the file, and Accept asks first.
type HandInNote struct {
	DocumentID string
	Kind       string
	// Round and IssuedOn are the document's (NoteOtherRound); Department
	// the department the archive files it under (NoteOtherDepartment).
	Round, IssuedOn, Department string
	// Words say it, without brackets: 2018年度的材料，成文日期 2018-12-10.
	Words catalog.Words
}

// handInNotes are the notes of the files handed in for tasks and not
// returned, by task: one query for the documents, one per city.
func (s *Service) handInNotes(ctx context.Context, tasks []Task) error {
	var ids []string
	for _, t := range tasks {
		ids = append(ids, t.HandedIn()...)
	}
	if len(ids) == 0 {
		return nil
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("documents handed in: %w", err)
	}
	cityNames := map[string]string{}
	for i := range tasks {
		t := &tasks[i]
		name, ok := cityNames[t.City]
		if !ok {
			if name, err = s.cityName(ctx, t.City); err != nil {
				return err
			}
			cityNames[t.City] = name
		}
		t.Notes = filesNotes(&t.Assignment, docs, name)
	}
	return nil
}

// cityName is the name of city, "" for a city the catalog does not
// know: the notes then compare departments as written.
func (s *Service) cityName(ctx context.Context, city string) (string, error) {
	c, err := s.cat.City(ctx, city)
	if err != nil && !catalog.IsNotFound(err) {
		return "", err
	}
	return c.Name, nil
}

// filesNotes are the notes of the files handed in for a and not
// returned, in the order handed in; docs are the documents, by id (one
// absent, deleted, has none).
func filesNotes(a *catalog.Assignment, docs map[string]*catalog.Document, cityName string) []HandInNote {
	var out []HandInNote
	for _, id := range a.HandedIn() {
		if d := docs[id]; d != nil {
			out = append(out, notesOf(a, d, cityName)...)
		}
	}
	return out
}

// notesOf are the notes of document d handed in for a.
func notesOf(a *catalog.Assignment, d *catalog.Document, cityName string) []HandInNote {
	var out []HandInNote
	if d.Round != "" && d.Round != strconv.Itoa(a.Round) {
		n := HandInNote{DocumentID: d.ID, Kind: NoteOtherRound, Round: d.Round, IssuedOn: d.IssuedOn,
			Words: catalog.Words{Chinese: d.Round + "年度的材料", English: "material of round " + d.Round}}
		if d.IssuedOn != "" {
			n.Words.Chinese += "\uFF0C成文日期 " + d.IssuedOn
			n.Words.English += ", dated " + d.IssuedOn
		}
		out = append(out, n)
	}
	if d.Department != "" && catalog.DepartmentKey(cityName, d.Department) != catalog.DepartmentKey(cityName, a.Department) {
		out = append(out, HandInNote{DocumentID: d.ID, Kind: NoteOtherDepartment, Department: d.Department,
			Words: catalog.Words{Chinese: "档案中属于" + d.Department, English: "filed under " + d.Department + " in the archive"}})
	}
	return out
}

// NotesOf are t's notes of document id.
func (t Task) NotesOf(id string) []HandInNote {
	var out []HandInNote
	for _, n := range t.Notes {
		if n.DocumentID == id {
			out = append(out, n)
		}
	}
	return out
}

// AcceptQuestion is what 确认 of t asks first, when anything: each file
// handed in that is another round's or another department's (Notes),
// each that could not be read (failed: it will not count as evidence),
// each still being read (stored or extracted: had its reading failed,
// the task would be accepted with a file that does not count, which the
// question exists to prevent; probe s46 #4), and each searchable one the board marks as read unreliably or with
// pages left out of OCR (readMarks), named by its file name. docs are
// the documents handed in, by id.
func (t Task) AcceptQuestion(docs map[string]*catalog.Document) (catalog.Words, bool) {
	var zh, en string
	add := func(z, e string) {
		if zh != "" {
			zh, en = zh+"\uFF1B", en+"; "
		}
		zh, en = zh+z, en+e
	}
	for _, id := range t.HandedIn() {
		d := docs[id]
		if d == nil {
			continue
		}
		for _, n := range t.NotesOf(id) {
			add(fmt.Sprintf("“%s”是%s", d.Filename, n.Words.Chinese), fmt.Sprintf("“%s” is %s", d.Filename, n.Words.English))
		}
		if d.Status == catalog.StatusFailed {
			add(fmt.Sprintf("“%s”未能读取，确认后不计入佐证材料", d.Filename),
				fmt.Sprintf("“%s” could not be read and will not count as evidence once accepted", d.Filename))
		}
		if beingRead(d) {
			add(fmt.Sprintf("“%s”尚未读取完成，确认后如读取失败不计入佐证材料", d.Filename),
				fmt.Sprintf("“%s” is still being read: should its reading fail, it will not count as evidence once accepted", d.Filename))
		}
		if d.Status == catalog.StatusIndexed {
			for _, w := range readMarks(d) {
				add(w.Chinese, w.English)
			}
		}
	}
	return catalog.Words{Chinese: zh, English: en}, zh != ""
}

// beingRead says whether d's text is still being read: never read yet,
// or read again from the start (重新读取): stored, or extracted with no
// reading recorded (no pages). A file read long ago that is extracted
// only while its index entry is rewritten (an edit of its 文号, a link,
// a 责任单位 merge: catalog bumpSeq, UpdateDocument) has its reading and
// is not being read (review s47 #3): 确认 asked of it, and asked again
// once it was indexed, as if its reading might yet fail.
func beingRead(d *catalog.Document) bool {
	return d.Status == catalog.StatusStored || d.Status == catalog.StatusExtracted && d.Pages == 0
}

// hasBeenRead says whether d's text has been read: searchable, or
// extracted with its reading (waiting for its index entry).
func hasBeenRead(d *catalog.Document) bool {
	return d.Status == catalog.StatusIndexed || d.Status == catalog.StatusExtracted && !beingRead(d)
}

// StillBeingRead returns the documents of docs (the files handed in for
// a task and not returned) still being read when none of docs has been
// read yet: such a task has nothing read to accept, and 确认 waits for
// the reading. One yes to the question of files being read accepted it,
// and when they all failed afterwards the task stood 已确认 with no
// evidence, the state Accept's refusal of files that all failed exists
// to prevent (review s47 #3). nil when one of docs has been read, and
// when none is being read (all failed, or none).
func StillBeingRead(docs []*catalog.Document) []*catalog.Document {
	var reading []*catalog.Document
	for _, d := range docs {
		switch {
		case d == nil:
		case hasBeenRead(d):
			return nil
		case beingRead(d):
			reading = append(reading, d)
		}
	}
	return reading
}

// readMarks are the words of AcceptQuestion for a searchable file d that
// the board marks beside its name: read unreliably (识别可信度低 or
// mojibake: catalog.Reading.UnreliableSource) or with pages OCR left out
// past its cap (catalog.Reading.OCRSkippedPages). AcceptToken covers the
// same marks, so the question names what its token answers.
func readMarks(d *catalog.Document) []catalog.Words {
	var out []catalog.Words
	switch d.Reading.UnreliableSource() {
	case catalog.SourceOCRLow:
		out = append(out, catalog.Words{Chinese: fmt.Sprintf("“%s”文字识别不可靠，其文字多有误读，检索和引用前请对照原件", d.Filename),
			English: fmt.Sprintf("“%s” was read with unreliable text recognition: much of its text is misread; check it against the original before searching or quoting it", d.Filename)})
	case catalog.SourceGarbled:
		out = append(out, catalog.Words{Chinese: fmt.Sprintf("“%s”的文字是乱码，检索不到其中的文字", d.Filename),
			English: fmt.Sprintf("the text of “%s” is garbled: search does not find its words", d.Filename)})
	}
	if n := len(d.Reading.OCRSkippedPages()); n > 0 {
		args := []any{d.Filename, n}
		out = append(out, catalog.Words{Chinese: fmt.Sprintf("“%s”有 %d 页未识别文字（超过每份文件识别页数上限），检索不到这些页图片中的文字", args...),
			English: fmt.Sprintf(catalog.ChooseForms("“%s” has %d {page|pages} not read by OCR (over the limit of pages OCR reads per file): search does not find the words in {its picture|their pictures}", args), args...)})
	}
	return out
}
