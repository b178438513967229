// Package exif reads the one EXIF tag the archive needs: the Orientation a
// phone writes when it stores a photo's rows as the sensor had them.
package exif

import (
	"bytes"
	"encoding/binary"
)

// Orientation returns the EXIF Orientation (1–8) of a JPEG, 1 when the
// data is not a JPEG or has no valid tag.
func Orientation(data []byte) int {
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1
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
			return 1 // image data: no EXIF comes after it
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 from the first IFD of an EXIF TIFF block.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	off := int64(order.Uint32(t[4:8]))
	if off < 8 || off+2 > int64(len(t)) {
		return 1
	}
	n := int64(order.Uint16(t[off:]))
	for k := int64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 1
		}
		if order.Uint16(t[e:]) != 0x0112 {
			continue
		}
		v := int(order.Uint16(t[e+8:])) // a SHORT sits at the start of the value field
		if v < 1 || v > 8 {
			return 1
		}
		return v
	}
	return 1
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
