// Command genarchives writes the RAR and 7z archives of files that
// ingest's tests unpack, into ingest/testdata/archives:
//
//	go run ./ingest/testdata/genarchives
//
// RAR archives are written by rar5.go and rar4.go (stored files); 7z
// archives by 7-Zip (Debian's 7zip package, `7zz`), two crafted
// afterwards. The
// archives are committed; run this again only to change them.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const out = "ingest/testdata/archives"

// The texts of the archives' files.
const (
	notice  = "关于推进学分银行建设的通知：各区县教育局要建立终身学习学分银行，到2020年累计开户学习者达到12000人。"
	summary = "2018年社区教育工作总结：全市社区学校覆盖率达到百分之百，参与社区教育活动达1.2万人次。"
	pledge  = "誠信建设承诺书：各社区学校承诺如实填报学习型城市监测数据，不弄虚作假。"
	program = "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
)

func main() {
	if err := os.MkdirAll(out, 0o755); err != nil {
		log.Fatal(err)
	}
	writeRARs()
	write7zs()
}

// sized is a text of exactly n bytes: Chinese, padded with full stops.
func sized(label string, n int) []byte {
	var b bytes.Buffer
	for b.Len()+len(label) <= n {
		b.WriteString(label)
	}
	for b.Len() < n {
		b.WriteByte('.')
	}
	return b.Bytes()
}

// nestedZip is a ZIP archive of one notice, for the archives that hold one.
func nestedZip() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("旧通知.txt")
	w.Write([]byte("关于开展2016年全民终身学习活动周的通知。"))
	zw.Close()
	return b.Bytes()
}

// budgetFiles are ten files of 3000 bytes, one of 5000 and one of 100:
// with a per-file limit of 4096 the request's budget (eight times that)
// takes the ten, refuses the big one, and then the small one fits only
// if the big one need not be decoded to reach it.
func budgetFiles() (names []string, data [][]byte) {
	for i := 1; i <= 10; i++ {
		names = append(names, fmt.Sprintf("第%02d份台账.txt", i))
		data = append(data, sized(fmt.Sprintf("第%d份社区教育台账。", i), 3000))
	}
	names = append(names, "第11份大表.txt", "第12份说明.txt")
	data = append(data, sized("社区教育统计大表。", 5000), sized("台账说明。", 100))
	return names, data
}

func writeRARs() {
	files := []rarFileEntry{
		{name: "材料", dir: true},
		{name: "材料/关于推进学分银行建设的通知.txt", data: []byte(notice)},
		{name: "材料/2018年社区教育工作总结.txt", data: []byte(summary)},
		{name: "材料/安装程序.exe", data: []byte(program)},
		{name: "材料/空白.txt", data: []byte{}},
		{name: "材料/旧材料.zip", data: nestedZip()},
		{name: "材料/损坏的台账.txt", data: []byte("社区教育台账：全年开展活动三百场。"), badCRC: true},
		{name: "材料/加密的名单.txt", data: bytes.Repeat([]byte{0xa5}, 32), encrypted: true},
		{name: "__MACOSX/材料/._关于推进学分银行建设的通知.txt", data: []byte("x")},
		{name: "材料/.DS_Store", data: []byte("x")},
		{name: "材料/Thumbs.db", data: []byte("x")},
		{name: "材料/~$草稿.docx", data: []byte("x")},
		{name: "材料/超大的附件.pdf", data: []byte("%PDF-1.4"), size: 300 << 20},
	}
	save("材料汇总.rar", rarArchive{files: files}.bytes())

	names, data := budgetFiles()
	var each []rarFileEntry
	for i := range names {
		each = append(each, rarFileEntry{name: names[i], data: data[i]})
	}
	save("分别压缩.rar", rarArchive{files: each}.bytes())
	save("整体压缩.rar", rarArchive{files: each, solid: true}.bytes())

	save("分卷.part1.rar", rarArchive{volume: true, files: []rarFileEntry{{name: "通知.txt", data: []byte(notice)}}}.bytes())
	save("加密目录.rar", rarArchive{headersEncrypted: true}.bytes())
	// LZMA-like RAR 5 compression (method 3) with a 1 GiB dictionary
	// (13 in bits 10–13: 128 KiB << 13), in a solid archive, where the
	// dictionary is not cut to the file's size.
	const method3Dict1GiB = 3<<7 | 13<<10
	save("字典过大.rar", rarArchive{solid: true, files: []rarFileEntry{
		{name: "通知.txt", data: []byte(notice)},
		{name: "总结.txt", data: bytes.Repeat([]byte{0x11}, 64), size: 2000, compression: method3Dict1GiB},
	}}.bytes())

	// RAR 4 as WinRAR 3 wrote it on Chinese Windows: names in GBK, one
	// whose character 誠 has '\' (0x5c) as its second byte; and one in
	// Unicode, as it wrote on a Windows of another code page.
	old := []rar4Entry{
		{name: "材料", dir: true},
		{name: `材料\学分银行通知.txt`, data: []byte(notice)},
		{name: `材料\2018年社区教育工作总结.txt`, data: []byte(summary), unicode: true},
		{name: `材料\誠信建设承诺书.txt`, data: []byte(pledge)},
	}
	rar4 := rar4Archive(old)
	checkRAR4(rar4, old)
	save("旧版材料.rar", rar4)
}

func write7zs() {
	tmp, err := os.MkdirTemp("", "genarchives")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	tree := func(name string, files map[string][]byte) string {
		dir := filepath.Join(tmp, name)
		for p, data := range files {
			full := filepath.Join(dir, p)
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				log.Fatal(err)
			}
		}
		return dir
	}
	texts := map[string][]byte{
		"材料/关于推进学分银行建设的通知.txt": []byte(notice),
		"材料/2018年社区教育工作总结.txt": []byte(summary),
	}
	all := map[string][]byte{
		"材料/安装程序.exe": []byte(program),
		"材料/空白.txt":   {},
		"材料/旧材料.zip":  nestedZip(),
		"__MACOSX/材料/._关于推进学分银行建设的通知.txt": []byte("x"),
		"材料/.DS_Store": []byte("x"),
		"材料/Thumbs.db": []byte("x"),
		"材料/~$草稿.docx": []byte("x"),
	}
	for k, v := range texts {
		all[k] = v
	}
	sevenZip("材料汇总.7z", tree("all", all))
	sevenZip("加密.7z", tree("texts", texts), "-p学习型城市", "-mhe=off")
	sevenZip("加密目录.7z", tree("texts", texts), "-p学习型城市", "-mhe=on")
	// Encrypted but stored: the library decrypts it with no password into
	// bytes of the right length that are not the file.
	sevenZip("加密未压缩.7z", tree("texts", texts), "-p学习型城市", "-mhe=off", "-mx0")

	names, data := budgetFiles()
	budget := map[string][]byte{}
	for i := range names {
		budget[names[i]] = data[i]
	}
	dir := tree("budget", budget)
	sevenZip("整体压缩.7z", dir, "-ms=on")
	sevenZip("分别压缩.7z", dir, "-ms=off")

	sevenZip("全是零.7z", tree("zeros", map[string][]byte{
		"全是零.txt": make([]byte, 64<<20),
		"说明.txt":  []byte("这个压缩包很小，解开后的“全是零.txt”有64 MiB。"),
	}))

	// One PPMd stream whose properties ask for a model of 3.75 GiB, which
	// the decoder allocates before it reads a byte (an LZMA dictionary is
	// cut to the stream's size by the library): the header is left
	// uncompressed so that the properties can be set.
	small := filepath.Join(tmp, "small.7z")
	run(tree("ppmd", map[string][]byte{"通知.txt": []byte(notice)}), "7zz", "a", "-bd", "-m0=PPMd:mem=1m:o=6", "-mhc=off", small, ".")
	save("内存过大.7z", withMemory(read(small), []byte{0x03, 0x04, 0x01}, 0xf0000000))

	// Two files stored (no compression) in one stream, a byte of the
	// first changed: its checksum no longer matches; the second is whole.
	stored := filepath.Join(tmp, "stored.7z")
	run(tree("stored", map[string][]byte{"通知.txt": []byte(notice), "总结.txt": []byte(summary)}), "7zz", "a", "-bd", "-mx0", "-mhc=off", stored, ".")
	damaged := read(stored)
	damaged[32+bytes.Index(damaged[32:], []byte("推进"))] ^= 0x01
	save("损坏.7z", damaged)

	// The first of volumes of 2 KiB each (7-Zip's -v): 7z.001, .002 …
	vols := filepath.Join(tmp, "vol", "分卷.7z")
	run(tree("vols", map[string][]byte{"台账.txt": sized("分卷压缩的社区教育台账。", 6000)}), "7zz", "a", "-bd", "-mx0", "-v2k", vols, ".")
	save("分卷.7z.001", read(vols+".001"))
}

// sevenZip archives dir's files (their paths relative to dir) as name.
func sevenZip(name, dir string, args ...string) {
	dst, err := filepath.Abs(filepath.Join(out, name))
	if err != nil {
		log.Fatal(err)
	}
	os.Remove(dst)
	run(dir, "7zz", append(append([]string{"a", "-bd"}, args...), dst, ".")...)
}

// withMemory sets the memory the archive's first coder of the given ID
// asks for (five bytes of properties: one, then the size; PPMd's model,
// LZMA's dictionary) to size, and the checksums of the header and of the
// start header that covers it.
func withMemory(a []byte, coder []byte, size uint32) []byte {
	a = bytes.Clone(a)
	next := 32 + int(binary.LittleEndian.Uint64(a[12:]))
	n := int(binary.LittleEndian.Uint64(a[20:]))
	header := a[next : next+n]
	i := bytes.Index(header, append(append([]byte{0x23}, coder...), 0x05)) // the ID's length 3, with properties
	if i < 0 {
		log.Fatalf("no coder % x in the header", coder)
	}
	binary.LittleEndian.PutUint32(header[i+6:], size) // after PPMd's order, LZMA's lc/lp/pb
	binary.LittleEndian.PutUint32(a[28:], crc32.ChecksumIEEE(header))
	binary.LittleEndian.PutUint32(a[8:], crc32.ChecksumIEEE(a[12:32]))
	return a
}

func run(dir, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, b)
	}
}

func read(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	return b
}

func save(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}
