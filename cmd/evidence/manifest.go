package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/catalog"
)

// fileJob is one file to import with the form fields it is uploaded with
// (the API's names: city, doc_type, title, issued_on, doc_number, issuer,
// department, round, indicators).
type fileJob struct {
	Path   string
	Fields map[string]string
	// Photos, when set, are joined into one document, a page each in this
	// order (--join); Path is the first.
	Photos []string
	// Line is the manifest's line the job was read from (0 for none).
	Line int
}

// manifestColumns maps the headings a manifest may use, English or
// Chinese, to upload fields.
var manifestColumns = map[string]string{
	"file": "file", "文件": "file", "文件名": "file",
	"title": "title", "标题": "title",
	"city": "city", "城市": "city",
	"doc_type": "doc_type", "type": "doc_type", "文件类型": "doc_type", "类型": "doc_type",
	"issued_on": "issued_on", "发布日期": "issued_on", "日期": "issued_on",
	"doc_number": "doc_number", "文号": "doc_number",
	"issuer": "issuer", "发文机关": "issuer",
	"department": "department", "责任单位": "department", "报送部门": "department", "部门": "department",
	"round": "round", "监测轮次": "round", "轮次": "round",
	"indicators": "indicators", "indicator": "indicators", "指标": "indicators", "关联指标": "indicators",
}

// readManifest reads a CSV (UTF-8, or GBK as Excel saves it in China) with
// a header row naming a file column and any upload fields; file paths are
// relative to the manifest. Every row's fields are laid over defaults.
func readManifest(path string, defaults map[string]string) ([]fileJob, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, catalog.Errorf(catalog.EINVALID, "无法读取清单 %s：%v", path, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data); err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "清单编码无法识别；请另存为 UTF-8 CSV")
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, catalog.Errorf(catalog.EINVALID, "清单 %s 没有表头：%v", path, err)
	}
	cols := make([]string, len(header))
	hasFile := false
	for i, h := range header {
		col, ok := manifestColumns[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			return nil, catalog.Errorf(catalog.EINVALID, "清单第 1 行有未知的列 %q；可用的列：file（文件）、title、city、doc_type、issued_on、doc_number、issuer、department、round、indicators", h)
		}
		cols[i] = col
		hasFile = hasFile || col == "file"
	}
	if !hasFile {
		return nil, catalog.Errorf(catalog.EINVALID, "清单缺少 file（文件）列")
	}
	base := filepath.Dir(path)
	var jobs []fileJob
	var problems []catalog.Words
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "清单第 %d 行格式错误：%v", line, err)
		}
		job := fileJob{Fields: map[string]string{}}
		for k, v := range defaults {
			job.Fields[k] = v
		}
		for i, v := range rec {
			if i >= len(cols) {
				break
			}
			v = strings.TrimSpace(v)
			switch {
			case cols[i] == "file":
				job.Path = v
			case v != "":
				job.Fields[cols[i]] = v
			}
		}
		if job.Path == "" {
			if strings.TrimSpace(strings.Join(rec, "")) != "" {
				problems = append(problems, catalog.Words{Chinese: fmt.Sprintf("第 %d 行没有文件名", line),
					English: fmt.Sprintf("row %d has no file name", line)})
			}
			continue
		}
		if !filepath.IsAbs(job.Path) {
			job.Path = filepath.Join(base, job.Path)
		}
		if st, err := os.Stat(job.Path); err != nil || !st.Mode().IsRegular() {
			problems = append(problems, catalog.Words{Chinese: fmt.Sprintf("第 %d 行：找不到文件 %s", line, job.Path),
				English: fmt.Sprintf("row %d: no file %s", line, job.Path)})
			continue
		}
		f, err := os.Open(job.Path)
		if err != nil {
			problems = append(problems, catalog.Words{Chinese: fmt.Sprintf("第 %d 行：无法读取文件 %s", line, job.Path),
				English: fmt.Sprintf("row %d: cannot read the file %s", line, job.Path)})
			continue
		}
		f.Close()
		job.Line = line
		jobs = append(jobs, job)
	}
	if len(problems) > 0 {
		return nil, manifestProblems(problems)
	}
	if len(jobs) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "清单中没有文件")
	}
	return jobs, nil
}

// manifestProblems is the refusal of a manifest with problems, a line
// each, so that one run lists every row to fix.
func manifestProblems(problems []catalog.Words) error {
	var list catalog.Words
	for i, p := range problems {
		if i > 0 {
			list.Chinese, list.English = list.Chinese+"\n", list.English+"\n"
		}
		list.Chinese, list.English = list.Chinese+p.Chinese, list.English+p.English
	}
	return catalog.Errorf(catalog.EINVALID, "清单有 %d 处问题，未导入任何文件：\n%s", len(problems), list)
}

// checkManifestRows runs the upload's checks of the fields of every
// manifest row (city, type, round, indicators…) with check, and refuses
// the manifest with every row that fails, by line; rows with the same
// fields are checked once. An error that is no refusal of the fields
// (the catalog unreadable) is returned as it is.
func checkManifestRows(jobs []fileJob, check func(fileJob) error) error {
	var problems []catalog.Words
	checked := map[string]error{}
	for _, job := range jobs {
		// JSON writes a map's keys sorted and quotes every string, so two
		// rows share a key only when their fields are the same (fmt's
		// map[city:… title:…] would not tell a value holding " title:"
		// from a field of its own).
		fields, err := json.Marshal(job.Fields)
		if err != nil {
			return fmt.Errorf("key of line %d's fields: %w", job.Line, err)
		}
		key := string(fields)
		err, seen := checked[key]
		if !seen {
			err = check(job)
			checked[key] = err
		}
		if err == nil {
			continue
		}
		var ce *catalog.Error
		if !errors.As(err, &ce) {
			return err
		}
		why := catalog.MessageWords(err)
		if why.English == "" {
			why.English = why.Chinese
		}
		problems = append(problems, catalog.Words{Chinese: fmt.Sprintf("第 %d 行：%s", job.Line, why.Chinese),
			English: fmt.Sprintf("row %d: %s", job.Line, why.English)})
	}
	if len(problems) > 0 {
		return manifestProblems(problems)
	}
	return nil
}
