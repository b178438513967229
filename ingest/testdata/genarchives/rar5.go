package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// A small writer of RAR 5.0 archives with stored (method 0) files, after
// RARLAB's published description of the format
// (https://www.rarlab.com/technote.htm): no free tool writes RAR, and the
// tests need real archives of every kind a department may hand in. Each
// block is a CRC32 of the header, the header's size and the header (type,
// flags, sizes, fields, extra records), then its data. The compressed
// methods are decoded by rardecode and tested by its own suite only.

// RAR 5.0 block types and flags.
const (
	rarMain  = 1
	rarFile  = 2
	rarCrypt = 4
	rarEnd   = 5

	blockExtra = 0x0001 // an extra area follows the type-specific fields
	blockData  = 0x0002 // a data area follows the header

	arcVolume = 0x0001
	arcSolid  = 0x0004

	fileDir   = 0x0001
	fileCRC32 = 0x0004

	compSolid = 0x0040
)

var rarSignature = []byte("Rar!\x1a\x07\x01\x00")

// rarFileEntry is a file or folder of a RAR archive to write.
type rarFileEntry struct {
	name string
	data []byte
	dir  bool
	// size, when set, is the unpacked size declared instead of len(data).
	size int64
	// badCRC writes a checksum the data does not have: a damaged file.
	badCRC bool
	// encrypted adds a file encryption record (the data is then what a
	// reader without the password cannot read).
	encrypted bool
	// compression, when set, is the compression information written
	// (method, dictionary) instead of a stored file's.
	compression uint64
}

// rarArchive is what to write: its files and how the archive is flagged.
type rarArchive struct {
	files []rarFileEntry
	solid bool
	// volume marks it the first volume of several, continued in the next.
	volume bool
	// headersEncrypted writes an archive encryption header: the headers
	// after it are unreadable without the password.
	headersEncrypted bool
}

func vint(b *bytes.Buffer, v uint64) {
	for v >= 0x80 {
		b.WriteByte(byte(v) | 0x80)
		v >>= 7
	}
	b.WriteByte(byte(v))
}

// block writes one block: fields are the header from its type on, without
// the size of its data (given by data).
func block(out *bytes.Buffer, typ, flags uint64, extra []byte, data []byte, fields func(*bytes.Buffer)) {
	var h bytes.Buffer
	vint(&h, typ)
	if len(extra) > 0 {
		flags |= blockExtra
	}
	if data != nil {
		flags |= blockData
	}
	vint(&h, flags)
	if len(extra) > 0 {
		vint(&h, uint64(len(extra)))
	}
	if data != nil {
		vint(&h, uint64(len(data)))
	}
	fields(&h)
	h.Write(extra)
	var sized bytes.Buffer
	vint(&sized, uint64(h.Len()))
	sized.Write(h.Bytes())
	binary.Write(out, binary.LittleEndian, crc32.ChecksumIEEE(sized.Bytes()))
	out.Write(sized.Bytes())
	out.Write(data)
}

func (a rarArchive) bytes() []byte {
	var out bytes.Buffer
	out.Write(rarSignature)
	if a.headersEncrypted {
		// The archive encryption header comes first; every header after
		// it is ciphertext (an IV and AES blocks) to a reader.
		block(&out, rarCrypt, 0, nil, nil, func(h *bytes.Buffer) {
			vint(h, 0)                           // AES-256
			vint(h, 0)                           // no password check value
			h.WriteByte(15)                      // KDF count, log2
			h.Write(bytes.Repeat([]byte{7}, 16)) // salt
		})
		out.Write(bytes.Repeat([]byte{0x5a}, 48))
		return out.Bytes()
	}
	var arcFlags uint64
	if a.solid {
		arcFlags |= arcSolid
	}
	if a.volume {
		arcFlags |= arcVolume
	}
	block(&out, rarMain, 0, nil, nil, func(h *bytes.Buffer) { vint(h, arcFlags) })
	for i, f := range a.files {
		a.file(&out, f, i > 0)
	}
	var endFlags uint64
	if a.volume {
		endFlags = 0x0001 // not the last volume
	}
	block(&out, rarEnd, 0, nil, nil, func(h *bytes.Buffer) { vint(h, endFlags) })
	return out.Bytes()
}

func (a rarArchive) file(out *bytes.Buffer, f rarFileEntry, after bool) {
	var extra []byte
	if f.encrypted {
		var r bytes.Buffer
		vint(&r, 0x01)                       // file encryption record
		vint(&r, 0)                          // AES-256
		vint(&r, 0)                          // no password check value
		r.WriteByte(15)                      // KDF count, log2
		r.Write(bytes.Repeat([]byte{3}, 16)) // salt
		r.Write(bytes.Repeat([]byte{9}, 16)) // IV
		var rec bytes.Buffer
		vint(&rec, uint64(r.Len()))
		rec.Write(r.Bytes())
		extra = rec.Bytes()
	}
	data := f.data
	if data == nil && !f.dir {
		data = []byte{}
	}
	if f.dir {
		data = nil
	}
	size := uint64(len(f.data))
	if f.size > 0 {
		size = uint64(f.size)
	}
	sum := crc32.ChecksumIEEE(f.data)
	if f.badCRC {
		sum ^= 0xffffffff
	}
	comp := f.compression
	if a.solid && after {
		comp |= compSolid
	}
	block(out, rarFile, 0, extra, data, func(h *bytes.Buffer) {
		flags := uint64(fileCRC32)
		if f.dir {
			flags = fileDir
		}
		vint(h, flags)
		vint(h, size)
		vint(h, 0x20) // attributes: an archived file
		if !f.dir {
			binary.Write(h, binary.LittleEndian, sum)
		}
		vint(h, comp)
		vint(h, 0) // Windows
		vint(h, uint64(len(f.name)))
		h.WriteString(f.name)
	})
}
