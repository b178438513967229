package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"log"
	"strings"
	"unicode/utf8"

	"github.com/nwaples/rardecode/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A writer of RAR 4 (the RAR 1.5 format WinRAR wrote until 5.0) archives
// of stored (method 0x30) files, after RARLAB's description of that
// format: what WinRAR 3 and 4 on a Chinese Windows wrote for years, and
// still what departments find in their old folders. Each block is the
// low 16 bits of a CRC32 of its header from the type on, the type, flags
// and size, then the type's fields; a file's data follows its header.
//
// A file name is stored in the system's code page (GBK on Chinese
// Windows) and, only when that code page cannot hold it, followed by a
// zero byte and the name in Unicode, compressed (flag 0x200).

const (
	rar4Main = 0x73
	rar4File = 0x74
	rar4End  = 0x7b

	rar4LongBlock = 0x8000 // a data size follows the header
	rar4Unicode   = 0x0200
	rar4Dir       = 0x00e0 // the dictionary bits all set: a folder
	rar4SkipIfNew = 0x4000 // what WinRAR sets on its end block

	rar4Stored  = 0x30
	rar4HostWin = 2
	rar4Version = 20 // the version needed to extract a stored file
)

var rar4Signature = []byte("Rar!\x1a\x07\x00")

// rar4Entry is a file or folder of a RAR 4 archive to write.
type rar4Entry struct {
	// name is the name as Windows writes it: '\' between folders, in
	// GBK unless unicode is set.
	name string
	// unicode writes the name in Unicode after a code-page name whose
	// characters the code page lacks are '?', as WinRAR on a Windows
	// whose code page is not Chinese does.
	unicode bool
	data    []byte
	dir     bool
}

func rar4Block(out *bytes.Buffer, typ byte, flags uint16, fields []byte) {
	var h bytes.Buffer
	h.WriteByte(typ)
	binary.Write(&h, binary.LittleEndian, flags)
	binary.Write(&h, binary.LittleEndian, uint16(7+len(fields)))
	h.Write(fields)
	binary.Write(out, binary.LittleEndian, uint16(crc32.ChecksumIEEE(h.Bytes())))
	out.Write(h.Bytes())
}

// rar4Archive is the bytes of an archive of files, each stored.
func rar4Archive(files []rar4Entry) []byte {
	var out bytes.Buffer
	out.Write(rar4Signature)
	rar4Block(&out, rar4Main, 0, make([]byte, 6)) // two reserved fields
	for _, f := range files {
		name, flags := rar4Name(f)
		flags |= rar4LongBlock
		attr := uint32(0x20) // archive
		if f.dir {
			flags, attr = flags|rar4Dir, 0x10
		}
		var h bytes.Buffer
		le := func(v any) { binary.Write(&h, binary.LittleEndian, v) }
		le(uint32(len(f.data))) // packed size
		le(uint32(len(f.data))) // unpacked size
		h.WriteByte(rar4HostWin)
		le(crc32.ChecksumIEEE(f.data))
		le(uint32(0x5b8a6000)) // 2025-12-10 12:00 as a DOS time
		h.WriteByte(rar4Version)
		h.WriteByte(rar4Stored)
		le(uint16(len(name)))
		le(attr)
		h.Write(name)
		rar4Block(&out, rar4File, flags, h.Bytes())
		out.Write(f.data)
	}
	rar4Block(&out, rar4End, rar4SkipIfNew, nil)
	return out.Bytes()
}

// rar4Name is the name field of f and its Unicode flag.
func rar4Name(f rar4Entry) ([]byte, uint16) {
	if !f.unicode {
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(f.name))
		if err != nil {
			log.Fatalf("%s: not in GBK: %v", f.name, err)
		}
		return gbk, 0
	}
	var oem []byte
	for _, r := range f.name {
		if r >= utf8.RuneSelf {
			r = '?'
		}
		oem = append(oem, byte(r))
	}
	return append(append(oem, 0), rar4Unicode16(f.name)...), rar4Unicode
}

// rar4Unicode16 compresses name as WinRAR's Unicode names are: a high
// byte (unused here), then groups of four characters, each group a byte
// of four two-bit codes followed by its characters: 0 a character below
// 0x100 in one byte, 2 any other in two (little-endian UTF-16).
func rar4Unicode16(name string) []byte {
	out := []byte{0}
	runes := []rune(name)
	for i := 0; i < len(runes); i += 4 {
		var flags byte
		var chars []byte
		for j := range 4 {
			flags <<= 2
			if i+j >= len(runes) {
				continue
			}
			r := runes[i+j]
			if r > 0xffff {
				log.Fatalf("%s: a character outside the BMP", name)
			}
			if r < 0x100 {
				chars = append(chars, byte(r))
			} else {
				flags |= 2
				chars = binary.LittleEndian.AppendUint16(chars, uint16(r))
			}
		}
		out = append(append(out, flags), chars...)
	}
	return out
}

// checkRAR4 reads the archive with the reader the server uses and stops
// when a file's name or bytes are not what was written: the raw name for
// a code-page one (rardecode does not know the code page; '\' read as
// '/', also where GBK has it as a character's second byte), the Unicode
// one otherwise.
func checkRAR4(archive []byte, files []rar4Entry) {
	r, err := rardecode.NewReader(bytes.NewReader(archive))
	if err != nil {
		log.Fatalf("RAR 4 fixture: %v", err)
	}
	for _, f := range files {
		h, err := r.Next()
		if err != nil {
			log.Fatalf("RAR 4 fixture, %s: %v", f.name, err)
		}
		want := strings.ReplaceAll(f.name, `\`, "/")
		if !f.unicode {
			raw, _ := rar4Name(f)
			want = strings.ReplaceAll(string(raw), `\`, "/")
		}
		var data bytes.Buffer
		if _, err := data.ReadFrom(r); err != nil {
			log.Fatalf("RAR 4 fixture, %s: %v", f.name, err)
		}
		if h.Name != want || h.IsDir != f.dir || !bytes.Equal(data.Bytes(), f.data) {
			log.Fatalf("RAR 4 fixture: read %q (folder %v, %d bytes), wrote %q (folder %v, %d bytes)", h.Name, h.IsDir, data.Len(), want, f.dir, len(f.data))
		}
	}
}
