package extract

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/bodgit/sevenzip"
)

// An upload carries no password, yet the 7z library decrypts an AES
// stream with the empty one when it is given none: 2^19 rounds of
// SHA-256 (up to 2^24 as the header asks) for a key that is not the
// archive's, then bytes of the right length that are not the file. A
// compressed file fails in its decoder, and the library says encryption
// was involved; a stored file (7-Zip's -mx0) reads through, fails only
// its checksum, and would be called damaged. So the AES method is
// replaced by one that refuses at once with errNo7zPassword: the file is
// named encrypted whatever its compression, and no key is derived.

// aes7zMethod is the ID of 7-Zip's AES-256 + SHA-256 coder.
var aes7zMethod = []byte{0x06, 0xf1, 0x07, 0x01}

var errNo7zPassword = errors.New("7z stream encrypted, and an upload has no password")

// refuse7zDecryption replaces the library's AES decoder, once per
// process: the library keeps its decoders in one table.
var refuse7zDecryption = sync.OnceFunc(func() {
	sevenzip.RegisterDecompressor(aes7zMethod, func(_ []byte, _ uint64, readers []io.ReadCloser) (io.ReadCloser, error) {
		if len(readers) != 1 {
			return nil, fmt.Errorf("7z AES coder given %d streams, not one", len(readers))
		}
		return noPassword{in: readers[0]}, nil
	})
})

// noPassword is an AES stream's reader that takes no password: the
// library sets the password before its first read, and that fails.
type noPassword struct{ in io.ReadCloser }

func (noPassword) Password(string) error { return errNo7zPassword }

func (noPassword) Read([]byte) (int, error) { return 0, errNo7zPassword }

func (p noPassword) Close() error { return p.in.Close() }

var _ sevenzip.CryptoReadCloser = noPassword{}
