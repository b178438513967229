package packs_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/packs"
)

// rewrite copies a pack, letting edit change, rename or drop (nil body)
// each file, then adds extra files.
func rewrite(t *testing.T, data []byte, edit func(name string, body []byte) (string, []byte), extra ...string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, body []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if name, body := edit(f.Name, body); body != nil {
			put(name, body)
		}
	}
	for _, name := range extra {
		put(name, []byte("多出来的文件"))
	}
	zw.Close()
	return buf.Bytes()
}

func keep(name string, body []byte) (string, []byte) { return name, body }

func TestVerifyPack(t *testing.T) {
	_, svc, d := withData(t)
	good := write(t, svc, coordA, hangzhou)
	isOriginal := func(name string) bool { return strings.HasPrefix(name, "originals/"+d.ID) }
	var original string
	zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	for _, f := range zr.File {
		if isOriginal(f.Name) {
			original = f.Name
		}
	}

	tests := []struct {
		name string
		pack []byte
		want []string // "kind path" of each problem, in order
		err  string   // part of the error when the pack cannot be read at all
	}{
		{"good", good, nil, ""},
		{"original changed", rewrite(t, good, func(n string, b []byte) (string, []byte) {
			if isOriginal(n) {
				return n, append(b, '!')
			}
			return n, b
		}), []string{"mismatch " + original}, ""},
		{"report changed", rewrite(t, good, func(n string, b []byte) (string, []byte) {
			if n == "report.xlsx" {
				return n, b[:len(b)-1]
			}
			return n, b
		}), []string{"mismatch report.xlsx"}, ""},
		{"manifest hash changed", rewrite(t, good, func(n string, b []byte) (string, []byte) {
			if n == packs.ManifestName {
				i := bytes.Index(b, []byte("README.txt,")) + len("README.txt,")
				b = bytes.Clone(b)
				b[i] = map[bool]byte{true: '1', false: '0'}[b[i] == '0'] // another hex digit
			}
			return n, b
		}), []string{"mismatch README.txt"}, ""},
		{"original missing", rewrite(t, good, func(n string, b []byte) (string, []byte) {
			if isOriginal(n) {
				return n, nil
			}
			return n, b
		}), []string{"missing " + original}, ""},
		{"file added", rewrite(t, good, keep, "originals/evil.exe"), []string{"extra originals/evil.exe"}, ""},
		{"file renamed", rewrite(t, good, func(n string, b []byte) (string, []byte) {
			if isOriginal(n) {
				return "originals/other.txt", b
			}
			return n, b
		}), []string{"missing " + original, "extra originals/other.txt"}, ""},
		{"second copy under the same name", rewrite(t, good, keep, original),
			[]string{"mismatch " + original, "extra " + original}, ""},
		{"not a zip", []byte("这不是压缩包"), nil, "ZIP"},
		{"no manifest", rewrite(t, good, func(n string, b []byte) (string, []byte) {
			if n == packs.ManifestName {
				return n, nil
			}
			return n, b
		}), nil, "manifest.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := packs.Verify(bytes.NewReader(tt.pack), int64(len(tt.pack)))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("verify: %v, want an error about %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("verify: %v", err)
			}
			var got []string
			for _, p := range v.Problems {
				got = append(got, p.Kind+" "+p.Path)
				if !strings.Contains(p.String(), p.Path) {
					t.Errorf("problem %q does not name its file", p.String())
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
			if v.OK() != (len(tt.want) == 0) {
				t.Errorf("OK() = %v with problems %q", v.OK(), got)
			}
		})
	}
}

// TestProblemsAreWrittenAsChineseIs: verify-pack names each problem with
// the full-width punctuation of Chinese; the file name and hashes stay as
// they are.
func TestProblemsAreWrittenAsChineseIs(t *testing.T) {
	const path, want, got = "originals/a(1).txt", "aa11", "bb22"
	// Written with escapes: an editor may fold typed full-width marks.
	for _, tt := range []struct {
		p    packs.Problem
		want string
	}{
		{packs.Problem{Path: path, Kind: packs.Mismatch, Want: want, Got: got},
			"不一致 originals/a(1).txt\uFF1ASHA-256 为 bb22\uFF0C清单中为 aa11"},
		{packs.Problem{Path: path, Kind: packs.Mismatch, Want: want, Detail: "zip: checksum error"},
			"不一致 originals/a(1).txt\uFF1A无法读取\uFF08zip: checksum error\uFF09"},
		{packs.Problem{Path: path, Kind: packs.Missing}, "缺失 originals/a(1).txt\uFF1A清单中有\uFF0C包中没有"},
		{packs.Problem{Path: path, Kind: packs.Extra}, "多余 originals/a(1).txt\uFF1A包中有\uFF0C清单中没有"},
	} {
		if s := tt.p.String(); s != tt.want {
			t.Errorf("%s problem reads %q, want %q", tt.p.Kind, s, tt.want)
		}
	}
	if _, err := packs.Verify(bytes.NewReader([]byte("这不是压缩包")), 18); err == nil || !strings.HasPrefix(err.Error(), "不是有效的 ZIP 文件\uFF1A") {
		t.Errorf("verify a file that is no ZIP: %v, want 不是有效的 ZIP 文件\uFF1A…", err)
	}
	if _, err := packs.ReadManifest(strings.NewReader("path,sha256,document_id,title,doc_number,indicators\nreport.xlsx,00,,,,\n")); err == nil ||
		err.Error() != "manifest.csv 第 2 行格式不对\uFF1A应有 6 列\uFF0C且 sha256 为 64 位十六进制" {
		t.Errorf("a manifest row without a SHA-256: %v", err)
	}
}
