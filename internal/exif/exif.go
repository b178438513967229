// Package exif reads the one EXIF tag the archive needs: the Orientation a
// phone writes when it stores a photo's rows as the sensor had them.
package exif

import (
	"bytes"
	"encoding/binary"
)

// Orientation returns the EXIF Orientation (1–8) of a JPEG or a WebP (its
// EXIF chunk), 1 when the data is neither or has no valid tag.
func Orientation(data []byte) int {
	o, _, _ := find(data)
	return o
}

// Upright returns a JPEG's bytes with its EXIF Orientation set to 1, for
// pixels already turned upright by whoever wrote them (heif-convert turns
// a HEIC's pixels as its rotation says and keeps the iPhone's EXIF tag,
// which would turn them again); data as it is when it has no such tag.
func Upright(data []byte) []byte {
	o, at, order := find(data)
	if o == 1 || at < 0 {
		return data
	}
	out := bytes.Clone(data)
	order.PutUint16(out[at:], 1)
	return out
}

// find returns the Orientation, the offset in data of its value (-1 when
// there is none) and the byte order it is written in.
func find(data []byte) (int, int, binary.ByteOrder) {
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return findWebP(data)
	}
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		return 1, -1, nil
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1, -1, nil
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++ // a fill byte
			continue
		}
		if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			i += 2 // a marker without a length
			continue
		}
		if marker == 0xDA || marker == 0xD9 {
			return 1, -1, nil // image data: no EXIF comes after it
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1, -1, nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			o, at, order := tiffOrientation(seg[6:])
			if at >= 0 {
				at += i + 4 + 6
			}
			return o, at, order
		}
		i += 2 + n
	}
	return 1, -1, nil
}

// findWebP is find for a WebP: its chunks are walked for the EXIF one,
// whose TIFF block some writers put after a JPEG's "Exif\0\0" prefix.
func findWebP(data []byte) (int, int, binary.ByteOrder) {
	for i := 12; i+8 <= len(data); {
		n := int64(binary.LittleEndian.Uint32(data[i+4:]))
		if int64(i)+8+n > int64(len(data)) {
			return 1, -1, nil
		}
		if string(data[i:i+4]) == "EXIF" {
			start := i + 8
			chunk := data[start : start+int(n)]
			if bytes.HasPrefix(chunk, []byte("Exif\x00\x00")) {
				chunk, start = chunk[6:], start+6
			}
			o, at, order := tiffOrientation(chunk)
			if at >= 0 {
				at += start
			}
			return o, at, order
		}
		i += 8 + int(n) + int(n&1) // chunks are padded to an even size
	}
	return 1, -1, nil
}

// tiffOrientation reads tag 0x0112 from the first IFD of an EXIF TIFF
// block: its value, the value's offset in t (-1 when none) and the order.
func tiffOrientation(t []byte) (int, int, binary.ByteOrder) {
	if len(t) < 8 {
		return 1, -1, nil
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1, -1, nil
	}
	off := int64(order.Uint32(t[4:8]))
	if off < 8 || off+2 > int64(len(t)) {
		return 1, -1, nil
	}
	n := int64(order.Uint16(t[off:]))
	for k := int64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 1, -1, nil
		}
		if order.Uint16(t[e:]) != 0x0112 {
			continue
		}
		v := int(order.Uint16(t[e+8:])) // a SHORT sits at the start of the value field
		if v < 1 || v > 8 {
			return 1, -1, nil
		}
		return v, int(e + 8), order
	}
	return 1, -1, nil
}

// WithOrientation returns a JPEG's bytes with an APP1 EXIF block put
// first whose IFD holds Orientation o, in the byte order given ("II" or
// "MM"), as phone cameras write it: for tests and fixtures.
func WithOrientation(data []byte, o uint16, order string) []byte {
	var bo binary.AppendByteOrder = binary.LittleEndian
	if order == "MM" {
		bo = binary.BigEndian
	}
	tiff := []byte(order)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 2)                                         // two entries
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x010F), 2)                // Make, ASCII
	tiff = bo.AppendUint32(bo.AppendUint32(tiff, 4), 0x00414248)            // "HBA" in place
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x0112), 3)                // Orientation, SHORT
	tiff = bo.AppendUint16(bo.AppendUint16(bo.AppendUint32(tiff, 1), o), 0) // count 1, value, padding
	tiff = bo.AppendUint32(tiff, 0)                                         // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
	out := append(append(append([]byte{}, data[:2]...), seg...), payload...)
	return append(out, data[2:]...)
}

// WebPWithOrientation returns a simple (VP8 or VP8L) WebP of width×height
// as an extended one whose EXIF chunk holds Orientation o, as a phone
// that keeps its sensor's rows writes it: for tests and fixtures.
func WebPWithOrientation(data []byte, width, height int, o uint16) []byte {
	if len(data) < 12 {
		return data
	}
	tiff := WithOrientation([]byte{0xFF, 0xD8, 0xFF, 0xD9}, o, "II")[2+4+6:]
	tiff = tiff[:len(tiff)-2] // the JPEG's end marker
	vp8x := []byte{1 << 3, 0, 0, 0}
	for _, v := range []int{width - 1, height - 1} {
		vp8x = append(vp8x, byte(v), byte(v>>8), byte(v>>16))
	}
	body := []byte("WEBP")
	body = appendChunk(body, "VP8X", vp8x)
	body = append(body, data[12:]...)
	body = appendChunk(body, "EXIF", tiff)
	out := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body)))
	return append(out, body...)
}

func appendChunk(b []byte, fourcc string, payload []byte) []byte {
	b = binary.LittleEndian.AppendUint32(append(b, fourcc...), uint32(len(payload)))
	b = append(b, payload...)
	if len(payload)%2 == 1 {
		b = append(b, 0)
	}
	return b
}
