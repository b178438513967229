package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

func deflated(t *testing.T, data []byte) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	return buf.Bytes()
}

const (
	zipNotice  = "关于推进社区教育和学分银行建设的通知。各区县教育局：现就学分银行建设通知如下。"
	zipSummary = "杭州市2018年学习型城市建设工作总结。全年开展社区教育活动1.2万人次。"
)

// TestStageUploadUnpacksArchives: a ZIP archive of files is staged as
// its files, each under its own name (GBK names decoded), what systems
// leave in archives passed over, and each file that cannot be taken
// refused alone with a reason naming it and the archive.
func TestStageUploadUnpacksArchives(t *testing.T) {
	const limit = 4096
	bomb := bytes.Repeat([]byte("学"), 200_000) // 600 KB, deflates to ≈ 1 KB
	tests := []struct {
		name      string
		members   []testfiles.ZipFile
		wantFiles map[string]string // name → text
		wantOut   map[string]string // refused name → phrase of its reason
	}{
		{
			name: "通知和总结,系统留下的文件不算",
			members: []testfiles.ZipFile{
				{Name: "材料/"},
				{Name: "材料/关于推进学分银行建设的通知.txt", Data: zipNotice},
				{Name: "材料/2018年工作总结.txt", Data: zipSummary, GBK: true},
				{Name: "__MACOSX/材料/._2018年工作总结.txt", Data: "x"},
				{Name: "材料/.DS_Store", Data: "x"},
				{Name: "材料/Thumbs.db", Data: "x"},
				{Name: "材料/~$工作总结.docx", Data: "x"},
			},
			wantFiles: map[string]string{"关于推进学分银行建设的通知.txt": zipNotice, "2018年工作总结.txt": zipSummary},
		},
		{
			name: "不能读的文件各自被拒,其余照收",
			members: []testfiles.ZipFile{
				{Name: "关于推进学分银行建设的通知.txt", Data: zipNotice},
				{Name: "安装程序.exe", Data: "MZ\x90\x00\x03\x00\x00\x00\x04\x00"},
				{Name: "空文件.txt", Data: ""},
				{Name: "各区材料.zip", Data: string(testfiles.Zip(t, testfiles.ZipFile{Name: "区里的通知.txt", Data: zipNotice}))},
				{Raw: &zip.FileHeader{Name: "加密的总结.txt", Method: zip.Store, Flags: 0x1, CRC32: crc32.ChecksumIEEE([]byte(zipSummary)),
					CompressedSize64: uint64(len(zipSummary)), UncompressedSize64: uint64(len(zipSummary))}, Data: zipSummary},
				{Raw: &zip.FileHeader{Name: "自称很小的炸弹.txt", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(bomb),
					CompressedSize64: uint64(len(deflated(t, bomb))), UncompressedSize64: 10}, Data: string(deflated(t, bomb))},
				{Raw: &zip.FileHeader{Name: "如实申报的大文件.txt", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(bomb),
					CompressedSize64: uint64(len(deflated(t, bomb))), UncompressedSize64: uint64(len(bomb))}, Data: string(deflated(t, bomb))},
				{Raw: &zip.FileHeader{Name: "bzip2压缩.txt", Method: 12, CompressedSize64: 4, UncompressedSize64: 4}, Data: "BZh9"},
			},
			wantFiles: map[string]string{"关于推进学分银行建设的通知.txt": zipNotice},
			wantOut: map[string]string{
				"安装程序.exe":     "不接受这种类型的文件",
				"空文件.txt":      "文件为空",
				"各区材料.zip":     "又是一个压缩包",
				"加密的总结.txt":    "已加密",
				"自称很小的炸弹.txt":  "已损坏",
				"如实申报的大文件.txt": "超过单个文件上传上限 4 KiB",
				"bzip2压缩.txt":  "不支持的压缩方式",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Service{cfg: Config{MaxUpload: limit, TempDir: t.TempDir()}, mem: newMemBudget(8 << 20)}
			staged, refused, err := s.StageUpload(t.Context(), bytes.NewReader(testfiles.Zip(t, tt.members...)), "材料汇总.zip", s.NewUnpackBudget())
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, st := range staged {
				defer st.Remove()
				rc, err := st.open()
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				b.ReadFrom(rc)
				rc.Close()
				got[st.Filename] = b.String()
				if st.Archive != "材料汇总.zip" {
					t.Errorf("%s: Archive %q", st.Filename, st.Archive)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.wantFiles) {
				t.Errorf("files %v, want %v", got, tt.wantFiles)
			}
			if len(refused) != len(tt.wantOut) {
				t.Errorf("%d refused, want %d: %v", len(refused), len(tt.wantOut), refused)
			}
			for _, o := range refused {
				msg := catalog.ErrorMessage(o.Err)
				want, ok := tt.wantOut[o.Filename]
				if !ok || !strings.Contains(msg, want) || o.Archive != "材料汇总.zip" {
					t.Errorf("refused %q (archive %q): %s; want a reason with %q", o.Filename, o.Archive, msg, want)
				}
			}
		})
	}
}

// TestStageUploadLimits: an archive's files unpack to at most eight
// times the per-file limit together and number at most maxArchiveFiles,
// the files past either refused by name; an archive that cannot be
// opened, whose directory is too large to read or that holds no file is
// refused whole; a file that is not an archive is staged as it came.
func TestStageUploadLimits(t *testing.T) {
	small := &Service{cfg: Config{MaxUpload: 2000, TempDir: t.TempDir()}, mem: newMemBudget(8 << 20)}
	large := &Service{cfg: Config{MaxUpload: 64 << 20, TempDir: t.TempDir()}, mem: newMemBudget(8 << 20)}
	s := large
	stage := func(t *testing.T, data []byte, name string) ([]*Staged, []Outcome, error) {
		t.Helper()
		staged, refused, err := s.StageUpload(t.Context(), bytes.NewReader(data), name, s.NewUnpackBudget())
		t.Cleanup(func() {
			for _, st := range staged {
				st.Remove()
			}
		})
		return staged, refused, err
	}

	t.Run("合计超过上限", func(t *testing.T) {
		var ms []testfiles.ZipFile
		for i := range 10 {
			ms = append(ms, testfiles.ZipFile{Name: fmt.Sprintf("第%02d份.txt", i+1), Data: strings.Repeat("学", 600)}) // 1,800 bytes
		}
		s = small
		defer func() { s = large }()
		staged, refused, err := stage(t, testfiles.Zip(t, ms...), "十份材料.zip")
		if err != nil {
			t.Fatal(err)
		}
		if len(staged) != 8 || len(refused) != 2 {
			t.Fatalf("%d staged, %d refused; want 8 and 2", len(staged), len(refused))
		}
		for i, o := range refused {
			if want := fmt.Sprintf("第%02d份.txt", 9+i); o.Filename != want || !strings.Contains(catalog.ErrorMessage(o.Err), "合计超过") {
				t.Errorf("refused %q: %v; want %s refused as over the archive's total", o.Filename, o.Err, want)
			}
		}
	})
	t.Run("文件过多", func(t *testing.T) {
		var ms []testfiles.ZipFile
		for i := range maxArchiveFiles + 2 {
			ms = append(ms, testfiles.ZipFile{Name: fmt.Sprintf("%03d.txt", i), Data: "学"})
		}
		staged, refused, err := stage(t, testfiles.Zip(t, ms...), "很多文件.zip")
		var refusal *RefusedFile
		if !errors.As(err, &refusal) || len(staged)+len(refused) != 0 || !strings.Contains(catalog.ErrorMessage(err), "一次上传最多 500 个") {
			t.Fatalf("%d staged, %d refused, %v; want the archive refused whole for its count", len(staged), len(refused), err)
		}
	})
	t.Run("同一段数据的许多条目", func(t *testing.T) {
		// 40 directory entries pointing at one stream of 1,800 bytes, each
		// refused for what it is: each is charged all the same, so the
		// request's 32 KiB stop the unpacking after the eighteenth.
		data := overlapping(t, 40, append([]byte("MZ\x90\x00"), bytes.Repeat([]byte("x"), 1796)...))
		s = &Service{cfg: Config{MaxUpload: 4096, TempDir: t.TempDir()}, mem: newMemBudget(8 << 20)}
		defer func() { s = large }()
		staged, refused, err := stage(t, data, "重叠.zip")
		if err != nil || len(staged) != 0 || len(refused) != 40 {
			t.Fatalf("%d staged, %d refused, %v", len(staged), len(refused), err)
		}
		over := 0
		for _, o := range refused {
			if strings.Contains(catalog.ErrorMessage(o.Err), "合计超过一次上传") {
				over++
			}
		}
		if over != 40-18 {
			t.Errorf("%d of 40 refused as past the request's budget, want 22 (18 read)", over)
		}
	})
	t.Run("一次上传的几个压缩包共用上限", func(t *testing.T) {
		s = small
		defer func() { s = large }()
		budget := s.NewUnpackBudget()
		var ms []testfiles.ZipFile
		for i := range 5 {
			ms = append(ms, testfiles.ZipFile{Name: fmt.Sprintf("第%d份.txt", i+1), Data: strings.Repeat("学", 600)}) // 1,800 bytes
		}
		var took, over int
		for i := range 3 {
			staged, refused, err := s.StageUpload(t.Context(), bytes.NewReader(testfiles.Zip(t, ms...)), fmt.Sprintf("第%d包.zip", i+1), budget)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range staged {
				st.Remove()
			}
			took += len(staged)
			over += len(refused)
		}
		if took != 8 || over != 7 {
			t.Errorf("three archives of five: %d taken, %d refused; want 8 and 7 within one request's budget", took, over)
		}
	})
	t.Run("客户端断开", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, _, err := s.StageUpload(ctx, bytes.NewReader(testfiles.Zip(t, testfiles.ZipFile{Name: "通知.txt", Data: zipNotice})), "材料汇总.zip", s.NewUnpackBudget())
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("%v; want the unpacking stopped", err)
		}
	})
	for _, tt := range []struct {
		name, phrase, code string
		data               func() []byte
	}{
		{"目录过大", "目录过大", catalog.ETOOLARGE, func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for i := range 120_000 { // ≈ 5.6 MB of directory, every entry empty
				zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%d.txt", i), Method: zip.Store})
			}
			zw.Close()
			return buf.Bytes()
		}},
		{"已损坏", "无法打开", catalog.EINVALID, func() []byte {
			z := testfiles.Zip(t, testfiles.ZipFile{Name: "通知.txt", Data: zipNotice}, testfiles.ZipFile{Name: "总结.txt", Data: zipSummary})
			return z[:len(z)-30] // the directory's end cut off
		}},
		{"只有文件夹", "中没有文件", catalog.EINVALID, func() []byte {
			return testfiles.Zip(t, testfiles.ZipFile{Name: "材料/"}, testfiles.ZipFile{Name: "__MACOSX/._材料", Data: "x"})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			staged, refused, err := stage(t, tt.data(), "材料汇总.zip")
			var refusal *RefusedFile
			if !errors.As(err, &refusal) || refusal.Filename != "材料汇总.zip" || catalog.ErrorCode(err) != tt.code ||
				!strings.Contains(catalog.ErrorMessage(err), tt.phrase) || len(staged)+len(refused) != 0 {
				t.Fatalf("%d staged, %d refused, err %v; want the archive refused (%s) saying %q", len(staged), len(refused), err, tt.code, tt.phrase)
			}
		})
	}
	t.Run("不是压缩包", func(t *testing.T) {
		staged, refused, err := stage(t, []byte(zipNotice), "通知.txt")
		if err != nil || len(staged) != 1 || len(refused) != 0 || staged[0].Archive != "" || staged[0].Filename != "通知.txt" {
			t.Fatalf("%v %v %v; want the file staged as it came", staged, refused, err)
		}
	})
	t.Run("Stage仍拒收压缩包", func(t *testing.T) {
		_, err := s.Stage(bytes.NewReader(testfiles.Zip(t, testfiles.ZipFile{Name: "通知.txt", Data: zipNotice})), "材料汇总.zip")
		if catalog.ErrorCode(err) != catalog.EUNSUPPORTED || !strings.Contains(catalog.ErrorMessage(err), "解压后分别上传") {
			t.Fatalf("Stage: %v; want the archive refused with the advice to unzip it", err)
		}
	})
}

// overlapping makes an archive of n directory entries that all point at
// one stored (uncompressed) stream of data, as a crafted archive may.
func overlapping(t *testing.T, n int, data []byte) []byte {
	t.Helper()
	crc := crc32.ChecksumIEEE(data)
	var buf bytes.Buffer
	le := func(v ...any) {
		for _, x := range v {
			binary.Write(&buf, binary.LittleEndian, x)
		}
	}
	name := []byte("a.exe")
	le(uint32(0x04034b50), uint16(20), uint16(0), uint16(0), uint16(0), uint16(0), crc, uint32(len(data)), uint32(len(data)), uint16(len(name)), uint16(0))
	buf.Write(name)
	buf.Write(data)
	dir := buf.Len()
	for i := range n {
		name := []byte(fmt.Sprintf("%02d.exe", i))
		le(uint32(0x02014b50), uint16(20), uint16(20), uint16(0), uint16(0), uint16(0), uint16(0), crc, uint32(len(data)), uint32(len(data)),
			uint16(len(name)), uint16(0), uint16(0), uint16(0), uint16(0), uint32(0), uint32(0))
		buf.Write(name)
	}
	size := buf.Len() - dir
	le(uint32(0x06054b50), uint16(0), uint16(0), uint16(n), uint16(n), uint32(size), uint32(dir), uint16(0))
	return buf.Bytes()
}

// TestStageUploadMemberRefusalListsNoZip: a program sent alone through an
// upload form is refused with archives (ZIP/RAR/7z) among the kinds
// accepted (the form unpacks them); the same program inside 材料汇总.zip
// is refused without them, since an archive inside the archive is refused
// too.
func TestStageUploadMemberRefusalListsNoZip(t *testing.T) {
	const exe = "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
	s := &Service{cfg: Config{MaxUpload: 4096, TempDir: t.TempDir()}, mem: newMemBudget(8 << 20)}
	_, _, err := s.StageUpload(t.Context(), strings.NewReader(exe), "安装程序.exe", s.NewUnpackBudget())
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "不接受这种类型的文件") || !strings.Contains(msg, "装有这些文件的压缩包（ZIP/RAR/7z）") {
		t.Errorf("安装程序.exe uploaded alone: %q, want archives among the kinds accepted", msg)
	}
	archive := testfiles.Zip(t, testfiles.ZipFile{Name: "关于推进学分银行建设的通知.txt", Data: zipNotice}, testfiles.ZipFile{Name: "安装程序.exe", Data: exe})
	staged, refused, err := s.StageUpload(t.Context(), bytes.NewReader(archive), "材料汇总.zip", s.NewUnpackBudget())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range staged {
		st.Remove()
	}
	if len(refused) != 1 {
		t.Fatalf("refused %v, want 安装程序.exe alone", refused)
	}
	if msg := catalog.ErrorMessage(refused[0].Err); !strings.Contains(msg, "不接受这种类型的文件") || strings.Contains(msg, "压缩包") {
		t.Errorf("安装程序.exe in 材料汇总.zip: %q, want it refused without listing archives", msg)
	}
}
