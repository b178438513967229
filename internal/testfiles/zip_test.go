package testfiles

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestZip: an archive read back has each file in order with its bytes; a
// folder has none; a GBK name is GBK bytes without the UTF-8 flag; a
// stored file is not deflated; a raw header is written as it is.
func TestZip(t *testing.T) {
	const notice = "杭州市推进终身学习学分银行建设。"
	gbkName, _ := simplifiedchinese.GBK.NewEncoder().String("材料/2018年工作总结.txt")
	archive := Zip(t,
		ZipFile{Name: "材料/"},
		ZipFile{Name: "材料/通知.txt", Data: notice},
		ZipFile{Name: "材料/2018年工作总结.txt", Data: "社区教育", GBK: true},
		ZipFile{Name: "材料/台账.txt", Data: "老年教育", Stored: true},
		ZipFile{Raw: &zip.FileHeader{Name: "加密的总结.txt", Method: zip.Store, Flags: 0x1,
			CRC32: crc32.ChecksumIEEE([]byte("学分")), CompressedSize64: 6, UncompressedSize64: 6}, Data: "学分"},
	)
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name    string
		method  uint16
		nonUTF8 bool
		flags   uint16
		data    string
	}{
		{"材料/", zip.Store, false, 0x8, ""},
		{"材料/通知.txt", zip.Deflate, false, 0x8, notice},
		{gbkName, zip.Deflate, true, 0x8, "社区教育"},
		{"材料/台账.txt", zip.Store, false, 0x8, "老年教育"},
		{"加密的总结.txt", zip.Store, true, 0x1, ""}, // its flags, as given, lack the UTF-8 bit
	}
	if len(zr.File) != len(want) {
		t.Fatalf("%d files in the archive, want %d", len(zr.File), len(want))
	}
	for i, f := range zr.File {
		w := want[i]
		if f.Name != w.name || f.Method != w.method || f.NonUTF8 != w.nonUTF8 || f.Flags&0x1 != w.flags&0x1 {
			t.Errorf("file %d: name %q method %d nonUTF8 %v flags %#x, want %q %d %v %#x",
				i, f.Name, f.Method, f.NonUTF8, f.Flags, w.name, w.method, w.nonUTF8, w.flags)
		}
		if f.Flags&0x1 != 0 {
			continue // encrypted: archive/zip does not open it
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %q: %v", f.Name, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || string(got) != w.data {
			t.Errorf("%q: %q, %v; want %q", f.Name, got, err, w.data)
		}
	}
	if got, want := ZipTexts(t, "通知.txt", notice), Zip(t, ZipFile{Name: "通知.txt", Data: notice}); !bytes.Equal(got, want) {
		t.Error("ZipTexts differs from Zip of the same files")
	}
}
