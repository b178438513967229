package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"os"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// storedZip builds a zip whose members are stored uncompressed with their
// sizes in the local headers, as zip tools write files that do not shrink
// (a DOCX, a PDF of images). fixture "" makes a folder entry.
func storedZip(t *testing.T, members [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, m := range members {
		var data []byte
		if m[1] != "" {
			var err error
			if data, err = os.ReadFile(fixture(m[1])); err != nil {
				t.Fatal(err)
			}
		}
		fw, err := w.CreateRaw(&zip.FileHeader{Name: m[0], Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSniffZipOfFiles sends zips of several files as departments send
// them. Each is a ZIP to unpack, not the DOCX or PDF whose parts show
// uncompressed in its first bytes (which made it a DOCX "without
// word/document.xml" or a PDF).
func TestSniffZipOfFiles(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		members [][2]string
	}{
		{"stored DOCX first", "材料.zip", [][2]string{{"附件1 实施意见.docx", "summary.docx"}, {"附件2 统计表.xlsx", "stats.xlsx"}}},
		{"stored PDF first", "材料.zip", [][2]string{{"政策文件.pdf", "policy.pdf"}, {"新闻.txt", "news.utf8.txt"}}},
		{"in a folder", "宁波材料.zip", [][2]string{{"宁波材料/", ""}, {"宁波材料/工作总结.docx", "summary.docx"}}},
		{"named docx", "汇总.docx", [][2]string{{"汇总/通知.docx", "summary.docx"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := storedZip(t, tt.members)
			format, _, err := Sniff(data[:min(len(data), SniffLen)], tt.file)
			if err == nil {
				t.Fatalf("sniff %s: format %q, want it refused as a ZIP to unpack", tt.name, format)
			}
			wantError(t, tt.name, err, catalog.EUNSUPPORTED, "ZIP 压缩包")
			wantError(t, tt.name, err, catalog.EUNSUPPORTED, "解压后分别上传")
		})
	}
}

// TestSniffPackagesAreNotZipsOfFiles keeps the zip-based formats what they
// are when their parts are read by walking the local headers, stored
// members and images among the parts included.
func TestSniffPackagesAreNotZipsOfFiles(t *testing.T) {
	tests := []struct {
		file    string
		members [][2]string
		want    Format
	}{
		{"通知", [][2]string{{"[Content_Types].xml", "news.utf8.txt"}, {"word/media/image1.png", "scan.png"}, {"word/document.xml", "news.utf8.txt"}}, FormatDOCX},
		{"公文.ofd", [][2]string{{"OFD.xml", "news.utf8.txt"}, {"Doc_0/Res/image_1.png", "scan.png"}}, FormatOFD},
		{"公文", [][2]string{{"Doc_0/Res/seal.png", "scan.png"}, {"OFD.xml", "news.utf8.txt"}}, FormatOFD},
	}
	for _, tt := range tests {
		data := storedZip(t, tt.members)
		format, _, err := Sniff(data[:min(len(data), SniffLen)], tt.file)
		if err != nil || format != tt.want {
			t.Errorf("sniff %s %v: got %q, %v, want %q", tt.file, tt.members, format, err, tt.want)
		}
	}
}

// TestSniffUploadTakesArchivesOfFiles: a ZIP, RAR (4 and 5) or 7z archive
// of files is, to an upload form, an archive to unpack of its kind
// (ErrArchive, ArchiveOf); one named as a document is refused for not
// being one, and a gzip file is no archive of files.
func TestSniffUploadTakesArchivesOfFiles(t *testing.T) {
	tests := []struct {
		name string
		head string
		want ArchiveFormat
	}{
		{"材料汇总.zip", "PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x03\x00\x00\x00\x0a\x00\x00\x00通知.pdf%PD", ArchiveZIP},
		{"材料汇总.rar", "Rar!\x1a\x07\x01\x00\x33\x92\xb5\xe5\x0a\x01\x05\x06\x00", ArchiveRAR},
		{"旧材料.rar", "Rar!\x1a\x07\x00\xcf\x90\x73\x00\x00\x0d\x00", ArchiveRAR},
		{"材料汇总.7z", "7z\xbc\xaf\x27\x1c\x00\x04", Archive7z},
		{"改了名的压缩包.pdf", "7z\xbc\xaf\x27\x1c\x00\x04", ""}, // not what its name says
		{"日志.gz", "\x1f\x8b\x08\x00", ""},
	}
	for _, tt := range tests {
		_, _, err := SniffUpload([]byte(tt.head), tt.name)
		if got := ArchiveOf(err); got != tt.want || errors.Is(err, ErrArchive) != (tt.want != "") {
			t.Errorf("%s: archive %q (errors.Is ErrArchive %v), want %q", tt.name, got, errors.Is(err, ErrArchive), tt.want)
		}
	}
}
