package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// The archives of testdata/archives are written by
// testdata/genarchives (see there); their files' texts are these.
const (
	archiveNotice  = "关于推进学分银行建设的通知：各区县教育局要建立终身学习学分银行，到2020年累计开户学习者达到12000人。"
	archiveSummary = "2018年社区教育工作总结：全市社区学校覆盖率达到百分之百，参与社区教育活动达1.2万人次。"
)

// childSandbox is a sandbox whose child is this test binary (TestMain).
func childSandbox(t *testing.T, memory int64) *extract.Sandbox {
	sb := &extract.Sandbox{Command: []string{os.Args[0]}, Env: []string{"EVIDENCE_EXTRACT_CHILD=1"}, Memory: memory}
	t.Cleanup(sb.Close)
	return sb
}

// archiveService stages uploads of at most maxUpload bytes a file,
// unpacking RAR and 7z archives in sb (in process when nil).
func archiveService(t *testing.T, maxUpload int64, sb *extract.Sandbox) *Service {
	return &Service{cfg: Config{MaxUpload: maxUpload, TempDir: t.TempDir(), Sandbox: sb}, mem: newMemBudget(8 << 20)}
}

func archiveFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "archives", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// unpacked is what StageUpload made of an archive: the files staged (name
// → text) and the reasons of those refused (name → message).
type unpacked struct {
	files, refused map[string]string
}

func stageArchive(t *testing.T, s *Service, name string, budget *UnpackBudget) (unpacked, error) {
	t.Helper()
	staged, refused, err := s.StageUpload(t.Context(), bytes.NewReader(archiveFixture(t, name)), name, budget)
	u := unpacked{files: map[string]string{}, refused: map[string]string{}}
	for _, st := range staged {
		rc, err := st.open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		st.Remove()
		u.files[st.Filename] = b.String()
		if st.Archive != name {
			t.Errorf("%s from %s: Archive %q", st.Filename, name, st.Archive)
		}
	}
	for _, o := range refused {
		u.refused[o.Filename] = catalog.ErrorMessage(o.Err)
		if o.Archive != name {
			t.Errorf("%s refused from %s: Archive %q", o.Filename, name, o.Archive)
		}
	}
	return u, err
}

// TestStageUploadUnpacksRARAnd7z: a department's 材料汇总.rar or .7z is
// staged as its files, each under its own name, as a ZIP is: folders and
// what systems leave passed over, each file that cannot be taken refused
// alone with a reason naming it and the archive (a program, an empty file,
// an archive inside, a damaged or encrypted file, one over the per-file
// limit by the size its header declares), in the sandbox child and in
// process alike.
func TestStageUploadUnpacksRARAnd7z(t *testing.T) {
	texts := map[string]string{"关于推进学分银行建设的通知.txt": archiveNotice, "2018年社区教育工作总结.txt": archiveSummary}
	common := map[string]string{
		"安装程序.exe": "不接受这种类型的文件",
		"空白.txt":   "文件为空",
		"旧材料.zip":  "又是一个压缩包，不会再解开",
	}
	rar := map[string]string{
		"损坏的台账.txt": "已损坏，无法解压",
		"加密的名单.txt": "已加密，无法读取",
		"超大的附件.pdf": "超过单个文件上传上限 4 KiB",
	}
	for k, v := range common {
		rar[k] = v
	}
	tests := []struct {
		archive string
		refused map[string]string
	}{
		{"材料汇总.rar", rar},
		{"材料汇总.7z", common},
	}
	for _, where := range []string{"沙箱", "进程内"} {
		for _, tt := range tests {
			t.Run(where+"/"+tt.archive, func(t *testing.T) {
				var sb *extract.Sandbox
				if where == "沙箱" {
					sb = childSandbox(t, 0)
				}
				s := archiveService(t, 4096, sb)
				got, err := stageArchive(t, s, tt.archive, s.NewUnpackBudget())
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(got.files) != fmt.Sprint(texts) {
					t.Errorf("files %v, want %v", got.files, texts)
				}
				for name, phrase := range tt.refused {
					if msg, ok := got.refused[name]; !ok || !strings.Contains(msg, phrase) || !strings.Contains(msg, tt.archive) && name != "安装程序.exe" && name != "空白.txt" {
						t.Errorf("%s: refused %v %q, want a reason with %q naming the archive", name, ok, msg, phrase)
					}
				}
				if len(got.refused) != len(tt.refused) {
					t.Errorf("refused %v, want only %v", got.refused, tt.refused)
				}
			})
		}
	}
}

// TestStageUploadRAR4NamesReadAsChinese: a RAR 4 archive as WinRAR 3
// wrote it on Chinese Windows stores names in GBK without the Unicode
// flag; they are staged under their Chinese names, also the one whose
// character 誠 has '\' as its second byte (rardecode reads that byte as a
// folder's end), beside one stored with its Unicode name, in the sandbox
// child (whose listing crosses a pipe as JSON, where bytes that are not
// UTF-8 would become U+FFFD) and in process alike.
func TestStageUploadRAR4NamesReadAsChinese(t *testing.T) {
	want := map[string]string{
		"学分银行通知.txt":        archiveNotice,
		"2018年社区教育工作总结.txt": archiveSummary,
		"誠信建设承诺书.txt":       "誠信建设承诺书：各社区学校承诺如实填报学习型城市监测数据，不弄虚作假。",
	}
	for _, where := range []string{"沙箱", "进程内"} {
		t.Run(where, func(t *testing.T) {
			var sb *extract.Sandbox
			if where == "沙箱" {
				sb = childSandbox(t, 0)
			}
			s := archiveService(t, 4096, sb)
			got, err := stageArchive(t, s, "旧版材料.rar", s.NewUnpackBudget())
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got.files) != fmt.Sprint(want) || len(got.refused) != 0 {
				t.Errorf("files %v refused %v; want %v", got.files, got.refused, want)
			}
		})
	}
}

// TestStageUploadRARAnd7zLimits: the rules of a ZIP hold for RAR and 7z:
// the request's budget of eight times the per-file limit by declared
// sizes, where a solid archive's file refused for its size still costs
// the decoding that reaches the files after it; encrypted files and a 7z
// file whose bytes fail its checksum refused alone (an encrypted one,
// stored or compressed, as encrypted), encrypted headers and a volume of several refused whole, a RAR
// dictionary over the limit refused by name.
func TestStageUploadRARAnd7zLimits(t *testing.T) {
	sb := childSandbox(t, 0)
	ledgers := func(upTo int) map[string]bool {
		m := map[string]bool{}
		for i := 1; i <= upTo; i++ {
			m[fmt.Sprintf("第%02d份台账.txt", i)] = true
		}
		return m
	}
	tests := []struct {
		archive   string
		wantFiles map[string]bool
		refused   map[string]string // name → phrase
		whole     string            // phrase of the whole archive's refusal
	}{
		{archive: "分别压缩.7z", wantFiles: merge(ledgers(10), "第12份说明.txt"), refused: map[string]string{"第11份大表.txt": "超过单个文件上传上限"}},
		{archive: "整体压缩.7z", wantFiles: ledgers(10), refused: map[string]string{"第11份大表.txt": "超过单个文件上传上限", "第12份说明.txt": "合计超过一次上传"}},
		{archive: "加密.7z", wantFiles: map[string]bool{}, refused: map[string]string{"关于推进学分银行建设的通知.txt": "已加密", "2018年社区教育工作总结.txt": "已加密"}},
		// Stored and encrypted: decrypted with no password, it reads as bytes
		// that fail the checksum, yet it is not damaged.
		{archive: "加密未压缩.7z", wantFiles: map[string]bool{}, refused: map[string]string{"关于推进学分银行建设的通知.txt": "已加密", "2018年社区教育工作总结.txt": "已加密"}},
		{archive: "字典过大.rar", wantFiles: map[string]bool{"通知.txt": true}, refused: map[string]string{"总结.txt": "字典超过 256 MiB"}},
		{archive: "损坏.7z", wantFiles: map[string]bool{"总结.txt": true}, refused: map[string]string{"通知.txt": "已损坏，无法解压"}},
		{archive: "加密目录.7z", whole: "连其中的文件名都已加密"},
		{archive: "加密目录.rar", whole: "连其中的文件名都已加密"},
		{archive: "分卷.part1.rar", whole: "分卷压缩包中的一卷"},
		{archive: "分卷.7z.001", whole: "分卷压缩包中的一卷"},
	}
	for _, tt := range tests {
		t.Run(tt.archive, func(t *testing.T) {
			s := archiveService(t, 4096, sb)
			got, err := stageArchive(t, s, tt.archive, s.NewUnpackBudget())
			if tt.whole != "" {
				var refusal *RefusedFile
				if !errors.As(err, &refusal) || !strings.Contains(catalog.ErrorMessage(err), tt.whole) || !strings.Contains(catalog.ErrorMessage(err), tt.archive) {
					t.Fatalf("%v; want the archive refused whole with %q", err, tt.whole)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for n := range got.files {
				names = append(names, n)
			}
			if fmt.Sprint(slices.Sorted(slices.Values(names))) != fmt.Sprint(keys(tt.wantFiles)) {
				t.Errorf("files %v, want %v", slices.Sorted(slices.Values(names)), keys(tt.wantFiles))
			}
			if len(got.refused) != len(tt.refused) {
				t.Errorf("refused %v, want %v", got.refused, tt.refused)
			}
			for name, phrase := range tt.refused {
				if !strings.Contains(got.refused[name], phrase) {
					t.Errorf("%s: %q, want %q", name, got.refused[name], phrase)
				}
			}
		})
	}
	t.Run("几个压缩包共用上限", func(t *testing.T) {
		s := archiveService(t, 4096, sb)
		budget := s.NewUnpackBudget()
		first, err := stageArchive(t, s, "分别压缩.7z", budget)
		if err != nil {
			t.Fatal(err)
		}
		second, err := stageArchive(t, s, "分别压缩.7z", budget)
		if err != nil {
			t.Fatal(err)
		}
		// The first takes 30,100 bytes of the 32 KiB: of the second only
		// the last file, of 100 bytes, still fits.
		if len(first.files) != 11 || fmt.Sprint(keysOf(second.files)) != "[第12份说明.txt]" || !strings.Contains(second.refused["第01份台账.txt"], "合计超过一次上传") {
			t.Errorf("first %d files, second %v refused %v; want the budget shared", len(first.files), keysOf(second.files), second.refused)
		}
	})
	t.Run("整体压缩的RAR逐个读出", func(t *testing.T) {
		// Stored RAR archives are as large as their files: under a per-file
		// limit that takes the archive, every file is taken, the solid one
		// read from its start in one pass.
		for _, name := range []string{"分别压缩.rar", "整体压缩.rar"} {
			s := archiveService(t, 64<<10, sb)
			got, err := stageArchive(t, s, name, s.NewUnpackBudget())
			if err != nil || len(got.files) != 12 || len(got.refused) != 0 || len(got.files["第12份说明.txt"]) != 100 {
				t.Errorf("%s: %d files, refused %v, %v; want all twelve", name, len(got.files), got.refused, err)
			}
		}
	})
	t.Run("客户端断开", func(t *testing.T) {
		s := archiveService(t, 4096, sb)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, _, err := s.StageUpload(ctx, bytes.NewReader(archiveFixture(t, "材料汇总.7z")), "材料汇总.7z", s.NewUnpackBudget())
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("%v; want the unpacking stopped", err)
		}
	})
}

func merge(m map[string]bool, names ...string) map[string]bool {
	for _, n := range names {
		m[n] = true
	}
	return m
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestStageUploadCraftedArchivesLeaveTheServerAsItWas: a 7z whose header
// asks for a PPMd model of 3.75 GiB is refused whole for the memory it
// needs, the child that tried dying, not the server; a 7z of 10 KB that
// unpacks to 64 MiB of zeros passes through to disk, not memory, its file
// refused for what it is; a child that stalls is killed at its limit and
// the archive refused whole for the time.
func TestStageUploadCraftedArchivesLeaveTheServerAsItWas(t *testing.T) {
	t.Run("内存过大", func(t *testing.T) {
		s := archiveService(t, 4096, childSandbox(t, 256<<20))
		_, err := stageArchive(t, s, "内存过大.7z", s.NewUnpackBudget())
		if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "解压所需的内存超过上限 256 MiB") {
			t.Fatalf("%v; want the archive refused whole for its memory", err)
		}
	})
	t.Run("全是零", func(t *testing.T) {
		s := archiveService(t, 128<<20, childSandbox(t, 0))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got, err := stageArchive(t, s, "全是零.7z", s.NewUnpackBudget())
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.files["说明.txt"]; !ok || !strings.Contains(got.refused["全是零.txt"], "内容不是文本文件") {
			t.Errorf("files %v refused %v; want 说明.txt taken, 全是零.txt refused for its content", keysOf(got.files), got.refused)
		}
		if grew := int64(after.TotalAlloc - before.TotalAlloc); grew > 16<<20 {
			t.Errorf("unpacking 64 MiB allocated %d MiB in the server; want it streamed to disk", grew>>20)
		}
	})
	t.Run("子进程不动了", func(t *testing.T) {
		stuck := &extract.Sandbox{Command: []string{"sh", "-c", "read request; sleep 60"}}
		s := archiveService(t, 4096, stuck)
		s.cfg.Unpack = extract.UnpackLimits{Stall: 300 * time.Millisecond}
		start := time.Now()
		_, err := stageArchive(t, s, "材料汇总.7z", s.NewUnpackBudget())
		if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "解压太慢") || time.Since(start) > 10*time.Second {
			t.Fatalf("%v after %s; want the archive refused for its time within seconds", err, time.Since(start))
		}
	})
}

func keysOf(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestPlanChargesWhatReachingAFileDecodes: in a solid archive a file
// refused for its size is decoded all the same to reach those after it,
// so the budget pays for it, and once a file is past the budget nothing
// after it in its stream is read; in an archive of separate streams such
// files cost nothing and a later small file is still taken.
func TestPlanChargesWhatReachingAFileDecodes(t *testing.T) {
	s := archiveService(t, 1000, nil) // a budget of 8,000 bytes
	tests := []struct {
		name    string
		solid   bool
		sizes   []int64
		taken   []int
		refused []string // phrases, in order
	}{
		{"分别压缩，大文件不计", false, []int64{900, 6000, 900, 900}, []int{0, 2, 3}, []string{"超过单个文件上传上限"}},
		{"整体压缩，大文件也要解", true, []int64{900, 6000, 900, 900}, []int{0, 2}, []string{"超过单个文件上传上限", "合计超过一次上传"}},
		{"整体压缩，超出合计后都不解", true, []int64{900, 900, 900, 900, 900, 900, 900, 900, 900, 100}, []int{0, 1, 2, 3, 4, 5, 6, 7},
			[]string{"合计超过一次上传", "合计超过一次上传"}},
		{"分别压缩，超出合计后小文件照收", false, []int64{900, 900, 900, 900, 900, 900, 900, 900, 900, 100}, []int{0, 1, 2, 3, 4, 5, 6, 7, 9},
			[]string{"合计超过一次上传"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var entries []entry
			for i, n := range tt.sizes {
				entries = append(entries, entry{name: fmt.Sprintf("第%d份.txt", i+1), size: n, solid: tt.solid})
			}
			u := &unpacking{archive: "材料汇总.7z"}
			taken, err := s.plan(u, entries, s.NewUnpackBudget())
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(taken) != fmt.Sprint(tt.taken) || len(u.refused) != len(tt.refused) {
				t.Fatalf("taken %v, refused %d; want %v and %d", taken, len(u.refused), tt.taken, len(tt.refused))
			}
			for i, o := range u.refused {
				if !strings.Contains(catalog.ErrorMessage(o.Err), tt.refused[i]) {
					t.Errorf("%s: %s, want %q", o.Filename, catalog.ErrorMessage(o.Err), tt.refused[i])
				}
			}
		})
	}
}

// TestStageUploadChildThatLiesLeavesNothingStaged: a child that sends a
// file it was asked for and then one it was not, or says it is done
// before the second file, has the archive refused as damaged, and the
// file staged from it is removed from the temporary folder.
func TestStageUploadChildThatLiesLeavesNothingStaged(t *testing.T) {
	listing := `read request; echo '{"listed":true,"entries":[{"name":"通知.txt","size":%[1]d},{"name":"总结.txt","size":%[1]d}]}'; read selection; ` +
		`echo '{"entry":0}'; echo '{"chunk":%[1]d}'; printf '%%s' '%[2]s'; echo '{"entry_end":true}'; `
	first := fmt.Sprintf(listing, len(archiveNotice), archiveNotice)
	second := fmt.Sprintf(`echo '{"entry":1}'; echo '{"chunk":%[1]d}'; printf '%%s' '%[2]s'; echo '{"entry_end":true}'; `, len(archiveSummary), archiveSummary)
	tests := []struct{ name, lie string }{
		{"如实送完", second + `echo '{"unpacked":true}'; sleep 60`},
		{"未选的条目", `echo '{"entry":7}'; sleep 60`},
		{"提前说完", `echo '{"unpacked":true}'; sleep 60`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := &extract.Sandbox{Command: []string{"sh", "-c", first + tt.lie}}
			t.Cleanup(sb.Close)
			s := archiveService(t, 4096, sb)
			s.mem = nil // every file staged on disk, where a leftover shows
			got, err := stageArchive(t, s, "材料汇总.7z", s.NewUnpackBudget())
			if tt.name == "如实送完" {
				// The fake child is understood when it keeps to the conversation.
				if err != nil || got.files["通知.txt"] != archiveNotice || got.files["总结.txt"] != archiveSummary {
					t.Fatalf("files %v, %v; want both texts", got.files, err)
				}
				return
			}
			if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "已损坏") {
				t.Fatalf("%v; want the archive refused as damaged", err)
			}
			left, err := os.ReadDir(s.cfg.TempDir)
			if err != nil {
				t.Fatal(err)
			}
			if len(left) != 0 {
				t.Errorf("left in the temporary folder: %v", left)
			}
		})
	}
}
