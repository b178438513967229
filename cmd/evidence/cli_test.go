package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestIngestSearchCheckReindex drives the maintenance commands as an
// operator would on one data folder, with no server running.
func TestIngestSearchCheckReindex(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	for _, name := range []string{"ningbo-policy.pdf", "wuhan-case.html", "chengdu-news-gb18030.txt"} {
		copyFile(t, filepath.Join("testdata", name), filepath.Join(dir, name))
	}
	os.WriteFile(filepath.Join(dir, "坏文件.pdf"), []byte("not a pdf"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("隐藏文件不导入"), 0o644)

	out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330200", "--type", "policy", "--json")
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("ingest with one bad file: err %v, want exit 1", err)
	}
	var summary struct {
		Files                     []fileOutcome
		Stored, Duplicate, Failed int
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	if summary.Stored != 3 || summary.Failed != 1 || len(summary.Files) != 4 {
		t.Fatalf("ingest summary %+v", summary)
	}
	for _, f := range summary.Files {
		if f.Outcome == "stored" && f.Status != "indexed" {
			t.Errorf("%s: status %s after ingest returned", f.Path, f.Status)
		}
		if f.Outcome == "failed" && !strings.Contains(f.Error, "PDF") {
			t.Errorf("%s: error %q", f.Path, f.Error)
		}
	}

	out, err = runCLI(t, "ingest", filepath.Join(dir, "wuhan-case.html"), "--data", data, "--city", "330200", "--type", "case")
	var wuhan string
	for _, f := range summary.Files {
		if strings.HasSuffix(f.Path, "wuhan-case.html") {
			wuhan = f.ID
		}
	}
	if err != nil || !strings.Contains(out, "重复 1") || wuhan == "" || !strings.Contains(out, "wuhan-case.html\uFF1A档案中已有相同文件的文档") || !strings.Contains(out, wuhan) {
		t.Errorf("re-ingest: %v\n%s\nwant the duplicate named with the document %s that holds it", err, out, wuhan)
	}
	noHalfWidth(t, "ingest", out)
	out, _ = runCLI(t, "ingest", filepath.Join(dir, "坏文件.pdf"), "--data", data, "--city", "330200", "--type", "case")
	if !strings.Contains(out, "坏文件.pdf\uFF1A") {
		t.Errorf("re-ingest of the bad file: want it named with its reason\n%s", out)
	}
	noHalfWidth(t, "ingest", out)

	out, err = runCLI(t, "search", "学分银行", "--data", data, "--city", "330200")
	if err != nil || !strings.Contains(out, "共 2 条结果") || !strings.Contains(out, "第2页") || !strings.Contains(out, "【学分银行】") {
		t.Errorf("search: %v\n%s", err, out)
	}

	if out, err := runCLI(t, "check", "--data", data); err != nil || !strings.Contains(out, "校验通过") {
		t.Fatalf("check on a sound archive: %v\n%s", err, out)
	} else {
		noHalfWidth(t, "check", out)
	}

	// Losing the index is repaired by reindex.
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "reindex", "--data", data); err != nil || !strings.Contains(out, "3 个文档可检索") {
		t.Fatalf("reindex: %v\n%s", err, out)
	} else {
		noHalfWidth(t, "reindex", out)
	}
	out, err = runCLI(t, "search", "学分银行", "--data", data, "--json")
	if err != nil || !strings.Contains(out, `"total":2`) {
		t.Errorf("search after reindex: %v\n%s", err, out)
	}

	// A changed original is caught.
	originals, _ := filepath.Glob(filepath.Join(data, "blobs", "objects", "originals", "*"))
	if len(originals) != 3 {
		t.Fatalf("originals on disk: %v", originals)
	}
	os.WriteFile(originals[0], []byte("篡改后的内容"), 0o644)
	out, err = runCLI(t, "check", "--data", data)
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(out, "原件哈希不符") {
		t.Errorf("check after tampering: %v\n%s", err, out)
	}
}

func TestUserAddValidates(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	tests := []struct {
		args   []string
		phrase string
	}{
		{[]string{"--name", "li", "--role", "boss"}, "未知的角色"},
		{[]string{"--name", "li", "--role", "coordinator"}, "必须指定所属城市"},
		{[]string{"--name", "li", "--role", "coordinator", "--city", "999999"}, "未知的城市代码"},
		// A real city not added yet: how to add it, not what a code is.
		{[]string{"--name", "li", "--role", "coordinator", "--city", "320100"}, "请管理员在“管理”页（/admin）的“城市”栏添加，或运行 evidence city add --code 320100 --name 城市名称"},
		{[]string{"--name", "li", "--role", "expert", "--password", "short"}, "至少"},
		{[]string{"--name", "", "--role", "expert"}, "用户名"},
		{[]string{"--name", "li", "--role", "expert", "--cities", "330100"}, "只有审核专家"},
		{[]string{"--name", "li", "--role", "reviewer", "--cities", "330100,999999"}, "未知的城市代码"},
	}
	for _, tt := range tests {
		_, err := runCLI(t, append([]string{"user", "add", "--data", data}, tt.args...)...)
		if err == nil || !strings.Contains(describe(err), tt.phrase) {
			t.Errorf("user add %v: %v, want %q", tt.args, err, tt.phrase)
		}
	}
	addUser(t, data, "--name", "wang", "--role", "coordinator", "--city", "330100")
	addUser(t, data, "--name", "zhao", "--role", "reviewer", "--cities", "330100,510100")
	if out, err := runCLI(t, "user", "list", "--data", data); err != nil || !strings.Contains(out, "330100,510100") {
		t.Errorf("user list shows %q (%v), want zhao's cities 330100,510100", out, err)
	}
	if _, err := runCLI(t, "user", "add", "--data", data, "--name", "wang", "--role", "expert"); err == nil || !strings.Contains(describe(err), "已存在") {
		t.Errorf("duplicate user: %v", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestThroughARunningServer imports a folder with --server while the
// archive is serving (it holds the index), and reports each file.
// TestIngestSaysEachFailureOnce: a file that fails is listed with its
// reason, and the pipeline's log line about it is not printed beside it.
func TestIngestSaysEachFailureOnce(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	copyFile(t, filepath.Join("testdata", "wuhan-case.html"), filepath.Join(dir, "wuhan-case.html"))
	os.WriteFile(filepath.Join(dir, "坏文件.pdf"), []byte("%PDF-1.4 不完整"), 0o644)

	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", dir, "--data", data, "--city", "330200", "--type", "policy"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("ingest with one bad file: err %v, want exit 1\n%s", err, errOut.String())
	}
	if n := strings.Count(out.String(), "坏文件.pdf"); n != 1 || !strings.Contains(out.String(), "PDF") {
		t.Errorf("the bad file named %d times in the listing, want once with its reason:\n%s", n, out.String())
	}
	if strings.Contains(errOut.String(), "坏文件.pdf") || strings.Contains(errOut.String(), "document failed") {
		t.Errorf("the failure logged as well as listed:\n%s", errOut.String())
	}
}

func TestIngestThroughARunningServer(t *testing.T) {
	s := startServer(t, "")
	dir := t.TempDir()
	copyFile(t, filepath.Join("testdata", "wuhan-case.html"), filepath.Join(dir, "wuhan-case.html"))
	copyFile(t, filepath.Join("testdata", "chengdu-news-gb18030.txt"), filepath.Join(dir, "chengdu.txt"))
	os.WriteFile(filepath.Join(dir, "坏文件.pdf"), []byte("not a pdf"), 0o644)
	out, err := runCLI(t, "ingest", dir, "--server", s.base, "--token", s.token, "--city", "420100", "--type", "case",
		"--indicator", "2.1.3", "--json")
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("ingest with one bad file: %v\n%s", err, out)
	}
	var summary struct {
		Files                     []fileOutcome
		Stored, Duplicate, Failed int
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if summary.Stored != 2 || summary.Failed != 1 {
		t.Fatalf("summary %+v", summary)
	}
	for _, f := range summary.Files {
		if f.Outcome == "stored" && f.Status != "indexed" {
			t.Errorf("%s: %s", f.Path, f.Status)
		}
		if f.Outcome == "failed" && !strings.Contains(f.Error, "PDF") {
			t.Errorf("%s: %q", f.Path, f.Error)
		}
	}
	if got := s.searchNames("", url.Values{"indicator": {"2.1.3"}}); len(got) != 2 {
		t.Errorf("documents linked on import: %v", got)
	}
	if _, err := runCLI(t, "ingest", dir, "--server", s.base, "--token", "ev_wrong", "--city", "420100", "--type", "case"); err == nil || !strings.Contains(err.Error(), "令牌") {
		t.Errorf("a bad token: %v", err)
	}
}

func TestIngestWithAManifest(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	copyFile(t, filepath.Join("testdata", "ningbo-policy.pdf"), filepath.Join(dir, "policy.pdf"))
	copyFile(t, filepath.Join("testdata", "wuhan-case.html"), filepath.Join(dir, "case.html"))
	copyFile(t, filepath.Join("testdata", "chengdu-news-gb18030.txt"), filepath.Join(dir, "news.txt"))
	manifest := "文件,标题,文件类型,发布日期,文号,指标\n" +
		"policy.pdf,宁波市人民政府关于推进学习型城市建设的实施意见,policy,2015-12-01,甬政发〔2015〕58号,\"1.1.1,2.3.1\"\n" +
		"case.html,江汉区社区学习共同体典型案例,case,2018-05-20,,4.1.1\n" +
		"news.txt,活动周新闻,press_report,2017年13月,,\n"
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(manifest)
	if err != nil {
		t.Fatal(err)
	}
	mpath := filepath.Join(dir, "清单.csv")
	os.WriteFile(mpath, []byte(gbk), 0o644) // as Excel in China saves it
	// A row with bad fields refuses the manifest before any file is
	// stored, naming its line.
	out, err := runCLI(t, "ingest", "--manifest", mpath, "--data", data, "--city", "330200", "--json")
	if err == nil || !strings.Contains(describe(err), "第 4 行：日期") {
		t.Fatalf("ingest with a bad row: %v\n%s", err, out)
	}
	gbk, err = simplifiedchinese.GB18030.NewEncoder().String(strings.Replace(manifest, "2017年13月", "2017年10月", 1))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(mpath, []byte(gbk), 0o644)
	out, err = runCLI(t, "ingest", "--manifest", mpath, "--data", data, "--city", "330200", "--json")
	if err != nil {
		t.Fatalf("ingest with the row fixed: %v\n%s", err, out)
	}
	var summary struct {
		Files                     []fileOutcome
		Stored, Duplicate, Failed int
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatal(err)
	}
	if summary.Stored != 3 || summary.Failed != 0 {
		t.Fatalf("manifest import %+v", summary)
	}
	out, err = runCLI(t, "search", "--data", data, "--indicator", "2.3.1", "--type", "policy", "--json")
	if err != nil || !strings.Contains(out, "宁波市人民政府关于推进学习型城市建设的实施意见") || !strings.Contains(out, "甬政发〔2015〕58号") {
		t.Errorf("manifest fields not on the document: %v\n%.400s", err, out)
	}
	os.WriteFile(mpath, []byte("文件,标题\nmissing.pdf,不存在的文件\n"), 0o644)
	if _, err := runCLI(t, "ingest", "--manifest", mpath, "--data", data, "--city", "330200", "--type", "policy"); err == nil ||
		!strings.Contains(describe(err), "找不到文件") {
		t.Errorf("manifest naming a missing file: %v", err)
	}
	os.WriteFile(mpath, []byte("文件,颜色\npolicy.pdf,红\n"), 0o644)
	if _, err := runCLI(t, "ingest", "--manifest", mpath, "--data", data); err == nil || !strings.Contains(describe(err), "未知的列") {
		t.Errorf("manifest with an unknown column: %v", err)
	}
}

// TestIngestJSONShowsTheFieldsReadFromTheText: ingest --json gives the
// fields read from the text, and for a 文号 guessed from what was read
// (杭教发（2018] 125 as 杭教发〔2018〕12号) what the text has, in
// doc_number_read as the API's document JSON does, so a script can tell
// the guess from a 文号 read as written.
func TestIngestJSONShowsTheFieldsReadFromTheText(t *testing.T) {
	for _, tt := range []struct {
		city, text                    string
		number, read, title, issuedOn string
	}{
		{"330200", "宁波市人民政府文件\n\n甬政发〔2015〕58号\n\n宁波市人民政府关于加快发展社区教育的通知\n\n各区县（市）人民政府：\n" +
			"    现就加快发展社区教育通知如下。\n\n宁波市人民政府\n二〇一五年十月九日\n",
			"甬政发〔2015〕58号", "", "宁波市人民政府关于加快发展社区教育的通知", "2015-10-09"},
		{"330100", testenv.GuessedNotice, testenv.GuessedNumber, testenv.GuessedRead, "关于开展社区教育示范街道评选工作的通知", "2018-05-08"},
	} {
		data := filepath.Join(t.TempDir(), "data")
		path := filepath.Join(t.TempDir(), "scan-0012.txt")
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := runCLI(t, "ingest", path, "--data", data, "--city", tt.city, "--type", "policy", "--json")
		if err != nil {
			t.Fatalf("ingest: %v\n%s", err, out)
		}
		var summary struct{ Files []fileOutcome }
		if err := json.Unmarshal([]byte(out), &summary); err != nil || len(summary.Files) != 1 {
			t.Fatalf("ingest --json: %v\n%s", err, out)
		}
		f := summary.Files[0]
		if f.DocNumber != tt.number || f.DocNumberRead != tt.read || f.IssuedOn != tt.issuedOn || f.Title != tt.title || len(f.ExtractedFields) != 5 {
			t.Errorf("fields in --json: %+v, want 文号 %s read as %q", f.docFields, tt.number, tt.read)
		}
	}
}

// TestPipedOutputHasNoProgressFrames runs commands with progress bars as a
// script or a log would, and finds none of their frames; an export says
// what it wrote.
func TestPipedOutputHasNoProgressFrames(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	copyFile(t, filepath.Join("testdata", "wuhan-case.html"), filepath.Join(dir, "case.html"))
	for _, args := range [][]string{
		{"ingest", dir, "--data", data, "--city", "420100", "--type", "case"},
		{"check", "--data", data},
		{"reindex", "--data", data},
	} {
		var out, errOut bytes.Buffer
		if err := run(t.Context(), args, &out, &errOut); err != nil {
			t.Fatalf("evidence %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
		}
		if s := errOut.String(); strings.Contains(s, "\r") || strings.Contains(s, "█") || strings.Contains(s, "| ") {
			t.Errorf("evidence %s wrote progress frames into a pipe: %q", args[0], s)
		}
	}
	xlsx := filepath.Join(t.TempDir(), "指标体系.xlsx")
	out, err := runCLI(t, "framework", "export", "--format", "xlsx", "--out", xlsx, "--data", data)
	if err != nil || !strings.Contains(out, "已导出指标体系") || !strings.Contains(out, xlsx) {
		t.Errorf("framework export said %q (%v), want what it wrote and where", out, err)
	}
}

// halfWidthNextToChinese is ASCII punctuation touching a Chinese character.
var halfWidthNextToChinese = regexp.MustCompile(`\p{Han}[,;:()!?]|[,;:()!?]\p{Han}`)

// noHalfWidth fails when a command's Chinese messages use half-width
// punctuation (its values, file names and text, are not in these outputs).
func noHalfWidth(t *testing.T, cmd, out string) {
	t.Helper()
	if m := halfWidthNextToChinese.FindAllString(out, 3); m != nil {
		t.Errorf("evidence %s prints half-width punctuation next to Chinese %q:\n%s", cmd, m, out)
	}
}

// TestReorderFlags: flags move before the positional arguments, which
// follow a "--", so that one beginning with a dash is never a flag.
func TestReorderFlags(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"DIR", "--city", "330100", "--json"}, []string{"--city", "330100", "--json", "--", "DIR"}},
		{[]string{"学分银行", "-征求意见稿", "--data", "d"}, []string{"--data", "d", "--", "学分银行", "-征求意见稿"}},
		{[]string{"--data", "d", "--", "-a.txt", "--city"}, []string{"--data", "d", "--", "-a.txt", "--city"}},
		{[]string{"--city=330100", "-1"}, []string{"--city=330100", "--", "-1"}},
		{[]string{"--json"}, []string{"--json"}},
		{[]string{"-", "x"}, []string{"--", "-", "x"}},
	}
	for _, tt := range tests {
		if got := reorderFlags(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("reorderFlags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDashedArguments: a file whose name begins with a dash is ingested
// after "--", and a search's excluded word is typed as a word of its own.
func TestDashedArguments(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	for name, body := range map[string]string{
		"-学分银行通知.txt": "宁波市学分银行建设通知。",
		"征求意见稿.txt":   "宁波市学分银行管理办法（征求意见稿）。",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	out, err := runCLI(t, "ingest", "--data", data, "--city", "330200", "--type", "policy", "--", "-学分银行通知.txt", "征求意见稿.txt")
	if err != nil || !strings.Contains(out, "新增 2") {
		t.Fatalf("ingest of a dashed file name: %v\n%s", err, out)
	}
	out, err = runCLI(t, "search", "学分银行", "-征求意见稿", "--data", data, "--json")
	if err != nil || !strings.Contains(out, `"total":1`) || strings.Contains(out, "管理办法") {
		t.Errorf("search with an excluded word: %v\n%s", err, out)
	}
}

// TestIngestLoggerKeepsWhatTheListingCannotSay: a failure whose reason is
// only "internal error" keeps its log line, with the real error.
func TestIngestLoggerKeepsWhatTheListingCannotSay(t *testing.T) {
	var buf bytes.Buffer
	log := ingestLogger(&buf)
	log.Warn(ingest.DocumentFailedMessage, "id", "A", "err", catalog.Errorf(catalog.EINVALID, "PDF 文件已损坏"))
	log.Warn(ingest.DocumentFailedMessage, "id", "B", "err", errors.New("open blob: disk on fire"))
	log.Warn(ingest.UnavailableMessage, "id", "C")
	out := buf.String()
	if strings.Contains(out, "id=A") || !strings.Contains(out, "disk on fire") || !strings.Contains(out, "id=C") {
		t.Errorf("ingest log:\n%s\nwant B's internal error and C's warning, not A's listed reason", out)
	}
}

// TestStoreWaitLoggerLeavesTheRetriesToTheWatch: a command watching the
// store (storeWatch) logs no line for each retry of a document the store
// holds up, whose error it says itself when it gives up; the same line
// with an error it cannot say (internal) is kept, as are failures
// ingestLogger keeps.
func TestStoreWaitLoggerLeavesTheRetriesToTheWatch(t *testing.T) {
	var buf bytes.Buffer
	log := storeWaitLogger(&buf)
	log.Warn(ingest.UnavailableMessage, "id", "A", "err", catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用"))
	log.Warn(ingest.UnavailableMessage, "id", "B", "err", errors.New("mark indexed: database is locked"))
	log.Warn(ingest.DocumentFailedMessage, "id", "C", "err", catalog.Errorf(catalog.EINVALID, "PDF 文件已损坏"))
	log.Warn(ingest.DocumentFailedMessage, "id", "D", "err", errors.New("open blob: disk on fire"))
	out := buf.String()
	if strings.Contains(out, "id=A") || !strings.Contains(out, "id=B") || strings.Contains(out, "id=C") || !strings.Contains(out, "id=D") {
		t.Errorf("repair log:\n%s\nwant B and D, not A's retry nor C's listed reason", out)
	}
}

// TestCLIFlagErrorsAreSaidOnce: a flag a command does not know is said
// once, by the command's flag set with its flags, and ends with exit 2 —
// not said again by main as an error of its own.
func TestCLIFlagErrorsAreSaidOnce(t *testing.T) {
	for _, args := range [][]string{
		{"assignments", "list", "--serverr", "http://127.0.0.1:1"},
		{"ingest", "材料", "--serverr", "http://127.0.0.1:1"},
		{"round", "add", "--year", "2020", "--serverr", "http://127.0.0.1:1"},
		{"search", "学分银行", "--serverr", "http://127.0.0.1:1"},
	} {
		var out, errOut bytes.Buffer
		err := run(t.Context(), args, &out, &errOut)
		var ee exitError
		if !errors.As(err, &ee) || ee.code != 2 || strings.Count(errOut.String(), "没有选项 --serverr") != 1 ||
			strings.Contains(errOut.String(), "flag provided") || !strings.Contains(errOut.String(), "  --server ") {
			t.Errorf("evidence %s: %v, want exit 2 with the flag said once and the usage:\n%s", strings.Join(args, " "), err, errOut.String())
		}
	}
}

// TestUnknownSubcommandIsNamed: a subcommand a command does not have is
// named before the usage, in Chinese and in English, exit 2; a flag in
// its place is no subcommand, and only the usage is said (probe s29 §8).
func TestUnknownSubcommandIsNamed(t *testing.T) {
	for _, args := range [][]string{{"round", "show"}, {"user", "删除"}, {"assignments", "export"}, {"framework", "list"},
		{"city", "show"}, {"catalog", "copy"}, {"blobs", "move"}, {"values", "list"}} {
		var out, errOut bytes.Buffer
		err := run(t.Context(), args, &out, &errOut)
		var ee exitError
		if want := "未知的子命令“" + args[1] + "”，可用的子命令见下方用法：\n用法：evidence " + args[0]; !errors.As(err, &ee) || ee.code != 2 || !strings.HasPrefix(errOut.String(), want) {
			t.Errorf("evidence %s: %v, want exit 2 and stderr beginning %q:\n%s", strings.Join(args, " "), err, want, errOut.String())
		}
		said := englishRun(t, append(args, "--lang", "en")...)
		if want := "Unknown subcommand “" + args[1] + "”; the subcommands are in the usage below:\n"; !strings.HasPrefix(said, want) {
			t.Errorf("evidence %s --lang en says %q, want it to begin %q", strings.Join(args, " "), said, want)
		}
	}
	var errOut bytes.Buffer
	run(t.Context(), []string{"round", "--year", "2019"}, &bytes.Buffer{}, &errOut)
	if s := errOut.String(); strings.Contains(s, "未知的子命令") || !strings.HasPrefix(s, "用法：evidence round") {
		t.Errorf("evidence round --year 2019 says %q, want only the usage", s)
	}
}
