package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// TestEveryProgramIsStartedByTheHelper: no program the server runs
// escapes the helper's limits. A program started any other way inherits
// its sandbox child's limit, which counts the Go runtime's reservation:
// pdftotext reached 2.7 GiB under it. Only helper.go builds a command
// (newHelperCmd, whose exec.Cmd it keeps) and only the sandbox child
// itself (our own binary, which limits itself, sandboxpool.go) is started
// directly: no other file of any package of the server builds an
// exec.Cmd or starts a process by os or syscall, and none in extract
// calls a Cmd's Start, Run, Output or CombinedOutput, as a call or as a
// method value.
func TestEveryProgramIsStartedByTheHelper(t *testing.T) {
	out, err := exec.Command(goTool(t), "list", "-C", "../..", "-f", "{{.Dir}}{{range .GoFiles}} {{.}}{{end}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"ingest/extract/helper.go": true, "ingest/extract/sandboxpool.go": true}
	starts := map[string]map[string]bool{
		"os/exec":               {"Command": true, "CommandContext": true, "Cmd": true},
		"os":                    {"StartProcess": true},
		"syscall":               {"ForkExec": true, "Exec": true, "StartProcess": true},
		"golang.org/x/sys/unix": {"Exec": true},
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		dir, err := filepath.Rel(root, f[0])
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.ToSlash(dir)
		if dir == "bench" || strings.HasPrefix(dir, "bench/") || strings.Contains(dir, "testdata") ||
			slices.Contains([]string{"internal/pgtest", "internal/s3gw", "internal/testfiles", "ingest/extract/internal/hanpairs"}, dir) {
			continue // test harnesses and generators, not the server
		}
		for _, name := range f[1:] {
			rel := dir + "/" + name
			file, err := parser.ParseFile(token.NewFileSet(), filepath.Join(f[0], name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			if allowed[rel] {
				continue
			}
			imports := map[string]string{} // local name → path
			for _, imp := range file.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				local := p[strings.LastIndex(p, "/")+1:]
				if imp.Name != nil {
					local = imp.Name.Name
				}
				imports[local] = p
			}
			ast.Inspect(file, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && starts[imports[x.Name]][sel.Sel.Name] {
					if sel.Sel.Name != "Cmd" || !usedAsType(file, sel) {
						t.Errorf("%s: %s.%s starts a program without the helper", rel, imports[x.Name], sel.Sel.Name)
					}
				}
				if dir == "ingest/extract" && slices.Contains([]string{"Start", "Run", "Output", "CombinedOutput"}, sel.Sel.Name) {
					t.Errorf("%s: .%s starts a program without the helper", rel, sel.Sel.Name)
				}
				return true
			})
		}
	}
	if checked < 100 {
		t.Errorf("checked %d files, want the whole module's", checked)
	}
}

// usedAsType reports whether sel (exec.Cmd) only names the type, in a
// parameter or a field (*exec.Cmd), not a value built as exec.Cmd{…}.
func usedAsType(file *ast.File, sel *ast.SelectorExpr) bool {
	built := false
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.CompositeLit); ok && lit.Type == sel {
			built = true
		}
		return !built
	})
	return !built
}

// goTool is the go command that runs the tests.
func goTool(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	p, err := exec.LookPath("go")
	if err != nil {
		skipOutsideCI(t, "no go command")
	}
	return p
}

// skipOutsideCI skips a test whose machine lacks what it needs, and
// fails it when CI=true, where the machine is Debian with everything
// installed.
func skipOutsideCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s, but CI=true requires it", why)
	}
	t.Skip(why)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestStartHelperLimitsTheProgram: a started program runs from its
// start under the helper's address-space limit (not the inherited one), a
// CPU limit and no core dump, as the kernel reports them to the program
// itself in /proc/self/limits: prlimit set them before it executed the
// program, with no window where the inherited limit held.
func TestStartHelperLimitsTheProgram(t *testing.T) {
	if _, err := os.Stat("/proc/self/limits"); err != nil {
		skipOutsideCI(t, "no /proc here")
	}
	defer helperMemory.Store(helperMemory.Load())
	helperMemory.Store(300 << 20)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cat, err := exec.LookPath("cat")
	if err != nil {
		skipOutsideCI(t, err.Error())
	}
	cmd := newHelperCmd(ctx, cat, "/proc/self/limits")
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.run(); err != nil {
		t.Fatal(err)
	}
	if filepath.Base(cmd.cmd.Path) != "prlimit" || !slices.Contains(cmd.cmd.Args, "--core=0") {
		t.Errorf("started %s %q, want prlimit … --core=0 -- %s", cmd.cmd.Path, cmd.cmd.Args, cat)
	}
	limits := out.String()
	field := func(name string) []string {
		for _, line := range strings.Split(limits, "\n") {
			if rest, ok := strings.CutPrefix(line, name); ok {
				return strings.Fields(rest)
			}
		}
		t.Fatalf("no %q in\n%s", name, limits)
		return nil
	}
	if as := field("Max address space"); as[0] != strconv.Itoa(300<<20) || as[1] != strconv.Itoa(300<<20) {
		t.Errorf("address space %v, want %d", as, 300<<20)
	}
	if cpu := field("Max cpu time"); cpu[0] == "unlimited" {
		t.Errorf("cpu time %v, want a limit", cpu)
	}
	if core := field("Max core file size"); core[0] != "0" || core[1] != "0" {
		t.Errorf("core file size %v, want 0", core)
	}
}

// TestNoHelperStartsWithoutPrlimit: without prlimit no program is started
// (it would run without its limits), and the reason names the Debian
// package to install.
func TestNoHelperStartsWithoutPrlimit(t *testing.T) {
	withProgram(t, "prlimit", "")
	marker := filepath.Join(t.TempDir(), "ran")
	err := newHelperCmd(t.Context(), "touch", marker).run()
	if catalog.ErrorCode(err) != catalog.EUNSUPPORTED || !strings.Contains(catalog.ErrorMessage(err), "prlimit") ||
		!strings.Contains(catalog.ErrorMessage(err), "util-linux") {
		t.Errorf("got %v, want EUNSUPPORTED naming prlimit and util-linux", err)
	}
	if _, serr := os.Stat(marker); serr == nil {
		t.Error("the program ran without prlimit")
	}
}

// TestOutOfMemoryAfterNoisyStderr: pdftotext printed 144 KB of syntax
// errors about unknown operators before std::bad_alloc; the words are
// found past the 4 KiB kept, so the reason is still the memory one, not
// whatever the fallback makes of a failed reading.
func TestOutOfMemoryAfterNoisyStderr(t *testing.T) {
	noise := "i=0; while [ $i -lt 3000 ]; do echo 'Syntax Error (1234): Unknown operator 学分银行' >&2; i=$((i+1)); done\n"
	tool := fakeTool(t, noise+"printf 'terminate called after throwing an instance of ' >&2\nprintf \"'std::bad_\" >&2\necho \"alloc'\" >&2\nexit 134")
	path := writeTemp(t, "嵌套数组.pdf", []byte("%PDF-1.4\n"))
	_, err := runPdftotext(t.Context(), tool, path, Limits{MaxTextBytes: 1 << 20})
	if !errors.Is(err, errHelperMemory) || !strings.Contains(catalog.ErrorMessage(err), "文件结构异常复杂") {
		t.Errorf("got %v, want the memory reason", err)
	}
	// Words split between two writes are found too.
	var b cappedBuffer
	b.max, b.discard = 4096, true
	b.Write([]byte(strings.Repeat("Syntax Error: Unknown operator\n", 5000) + "Out of mem"))
	b.Write([]byte("ory\n"))
	if !b.outOfMemory {
		t.Error("\"Out of mem\" + \"ory\" not found")
	}
}

// TestNestedArraysFailTheSameEveryTime: the PDF whose content stream
// nests millions of arrays (49 KB compressed) drove pdftotext, started
// from the sandbox child, to 2.7 GiB, and its reason was "已损坏" one time
// and "每一页都是空白" another; held to the sandbox's share it then failed
// with the memory reason. Since session 59 the page's nesting is counted
// before anything reads it (pdfbounds.go): it fails at once, naming the
// bound, the same every time, and pdftotext never sees it. (pdftotext's
// own memory reason is TestOutOfMemoryAfterNoisyStderr's.)
func TestNestedArraysFailTheSameEveryTime(t *testing.T) {
	needPdftotext(t)
	path := writeTemp(t, "嵌套数组.pdf", testpdf.NestedArrays(20_000_000))
	for run := range 2 {
		_, err := testSandbox(256<<20).Extract(context.Background(), FormatPDF, path, Limits{Timeout: time.Minute, DeferOCR: true})
		msg := catalog.ErrorMessage(err)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, "嵌套超过 64 层") {
			t.Fatalf("run %d: got %v, want EINVALID naming the nesting bound", run+1, err)
		}
	}
}

// cidToGIDMapPDF is a one-page PDF whose one font, a CIDFontType2, has a
// CIDToGIDMap of n zero bytes (deflated, ≈ 1 KB a MB): pdftotext reads
// the map whole into memory as it loads the font, about twice its size,
// while the PDF library never reads it, so no page bound sees it.
func cidToGIDMapPDF(n int) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(zeros) {
		w.Write(zeros[:min(left, len(zeros))])
	}
	w.Close()
	return testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		testpdf.Deflated([]byte("BT /F1 12 Tf 72 712 Td <00410042> Tj ET")),
		"<< /Type /Font /Subtype /Type0 /BaseFont /Crafted /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Crafted /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /CIDToGIDMap 7 0 R /DW 1000 >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
		"<< /Type /FontDescriptor /FontName /Crafted /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
}

// TestPdftotextOutOfMemoryIsTooComplex: a file that passes the PDF
// library's page bounds but takes pdftotext past the sandbox's share of
// memory (a font's CIDToGIDMap of 200 MB, 200 KB of file) ends failed
// with the memory reason, naming the share, the same every time. The
// nested-arrays PDF held this test until session 59's nesting bound
// ended it before pdftotext (TestNestedArraysFailTheSameEveryTime).
func TestPdftotextOutOfMemoryIsTooComplex(t *testing.T) {
	needPdftotext(t)
	path := writeTemp(t, "字体映射.pdf", cidToGIDMapPDF(200<<20))
	for run := range 2 {
		_, err := testSandbox(256<<20).Extract(context.Background(), FormatPDF, path, Limits{Timeout: time.Minute, DeferOCR: true})
		msg := catalog.ErrorMessage(err)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, "文件结构异常复杂") || !strings.Contains(msg, "256 MiB") {
			t.Fatalf("run %d: got %v, want EINVALID saying the file needs more than 256 MiB", run+1, err)
		}
	}
}
