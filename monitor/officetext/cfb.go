package officetext

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
)

// Compound File Binary (MS-CFB), the OLE2 container of .doc, .xls, .wps,
// .et and of encrypted OOXML. Everything read from the file is checked:
// sector numbers against the file size, chains for cycles, stream sizes
// against the chains that hold them.

// Special sector numbers in the FAT.
const (
	cfbMaxRegular = 0xFFFFFFFA
	cfbEndOfChain = 0xFFFFFFFE
	cfbFree       = 0xFFFFFFFF
	cfbNoStream   = 0xFFFFFFFF // no sibling or child in the directory tree
	cfbHeaderSize = 512
	cfbDirEntry   = 128
)

// cfbEntry is one directory entry.
type cfbEntry struct {
	name               string
	kind               byte // 1 storage, 2 stream, 5 root
	left, right, child uint32
	start              uint32
	size               uint64
}

type cfbFile struct {
	ex         *extraction
	sectorSize int64
	nSectors   int64 // sectors that fit in the file after the header
	miniCutoff uint64
	fat        []uint32
	miniFAT    []uint32
	dir        []cfbEntry
	miniStream []byte // the root entry's stream, read on first use
}

// openCFB reads the header, the FAT (through the DIFAT), the directory and
// the mini FAT.
func (ex *extraction) openCFB() (*cfbFile, error) {
	var h [cfbHeaderSize]byte
	if ex.size < cfbHeaderSize {
		return nil, fmt.Errorf("ole: file of %d bytes is shorter than the CFB header", ex.size)
	}
	if _, err := ex.src.ReadAt(h[:], 0); err != nil {
		return nil, fmt.Errorf("ole: reading header: %w", err)
	}
	le := binary.LittleEndian
	if !bytes.Equal(h[:8], magicOLE) {
		return nil, fmt.Errorf("ole: bad signature")
	}
	if le.Uint16(h[28:]) != 0xFFFE {
		return nil, fmt.Errorf("ole: bad byte order mark %#x", le.Uint16(h[28:]))
	}
	shift := le.Uint16(h[30:])
	if shift != 9 && shift != 12 {
		return nil, fmt.Errorf("ole: sector shift %d is neither 9 nor 12", shift)
	}
	if le.Uint16(h[32:]) != 6 {
		return nil, fmt.Errorf("ole: mini sector shift %d is not 6", le.Uint16(h[32:]))
	}
	f := &cfbFile{ex: ex, sectorSize: 1 << shift, miniCutoff: uint64(le.Uint32(h[56:]))}
	// Sector n starts at (n+1)*sectorSize; a short last sector still counts
	// (reads of it are padded with zeros).
	f.nSectors = (ex.size - f.sectorSize + f.sectorSize - 1) / f.sectorSize
	if f.nSectors < 0 {
		f.nSectors = 0
	}
	nFAT := int64(le.Uint32(h[44:]))
	if nFAT > f.nSectors {
		return nil, fmt.Errorf("ole: header claims %d FAT sectors in a file of %d sectors", nFAT, f.nSectors)
	}
	fatSectors, err := f.difat(h[:], nFAT)
	if err != nil {
		return nil, err
	}
	perSector := f.sectorSize / 4
	f.fat = make([]uint32, 0, int64(len(fatSectors))*perSector)
	buf := make([]byte, f.sectorSize)
	for _, s := range fatSectors {
		if err := f.readSector(s, buf); err != nil {
			return nil, fmt.Errorf("ole: FAT: %w", err)
		}
		for i := int64(0); i < perSector; i++ {
			f.fat = append(f.fat, le.Uint32(buf[4*i:]))
		}
	}
	dirData, err := f.chainData(f.fat, le.Uint32(h[48:]), f.sectorSize, nil, "directory")
	if err != nil {
		return nil, err
	}
	for off := 0; off+cfbDirEntry <= len(dirData); off += cfbDirEntry {
		f.dir = append(f.dir, parseDirEntry(dirData[off:off+cfbDirEntry]))
	}
	if len(f.dir) == 0 || f.dir[0].kind != 5 {
		return nil, fmt.Errorf("ole: directory has no root entry")
	}
	if le.Uint16(h[26:]) == 3 {
		// Version 3 files may leave garbage in the high half of stream sizes.
		for i := range f.dir {
			f.dir[i].size &= 0xFFFFFFFF
		}
	}
	if nMini := le.Uint32(h[64:]); nMini > 0 {
		data, err := f.chainData(f.fat, le.Uint32(h[60:]), f.sectorSize, nil, "mini FAT")
		if err != nil {
			return nil, err
		}
		for i := 0; i+4 <= len(data); i += 4 {
			f.miniFAT = append(f.miniFAT, le.Uint32(data[i:]))
		}
	}
	return f, nil
}

// difat returns the sector numbers of the FAT: the first 109 are in the
// header, the rest in a chain of DIFAT sectors.
func (f *cfbFile) difat(h []byte, nFAT int64) ([]uint32, error) {
	le := binary.LittleEndian
	var out []uint32
	for i := 0; i < 109 && int64(len(out)) < nFAT; i++ {
		s := le.Uint32(h[76+4*i:])
		if s > cfbMaxRegular {
			break
		}
		out = append(out, s)
	}
	next := le.Uint32(h[68:])
	buf := make([]byte, f.sectorSize)
	per := int(f.sectorSize/4) - 1
	for hops := int64(0); int64(len(out)) < nFAT && next <= cfbMaxRegular; hops++ {
		if hops > f.nSectors {
			return nil, fmt.Errorf("ole: DIFAT chain has a cycle")
		}
		if err := f.readSector(next, buf); err != nil {
			return nil, fmt.Errorf("ole: DIFAT: %w", err)
		}
		for i := 0; i < per && int64(len(out)) < nFAT; i++ {
			s := le.Uint32(buf[4*i:])
			if s > cfbMaxRegular {
				continue
			}
			out = append(out, s)
		}
		next = le.Uint32(buf[4*per:])
	}
	return out, nil
}

func parseDirEntry(b []byte) cfbEntry {
	le := binary.LittleEndian
	nameLen := int(le.Uint16(b[64:]))
	if nameLen > 64 {
		nameLen = 64
	}
	units := make([]uint16, 0, nameLen/2)
	for i := 0; i+1 < nameLen; i += 2 {
		u := le.Uint16(b[i:])
		if u == 0 {
			break
		}
		units = append(units, u)
	}
	return cfbEntry{
		name:  string(utf16.Decode(units)),
		kind:  b[66],
		left:  le.Uint32(b[68:]),
		right: le.Uint32(b[72:]),
		child: le.Uint32(b[76:]),
		start: le.Uint32(b[116:]),
		size:  le.Uint64(b[120:]),
	}
}

// readSector reads regular sector s into buf, zero-filling past the end of
// a file whose last sector is short.
func (f *cfbFile) readSector(s uint32, buf []byte) error {
	if int64(s) >= f.nSectors {
		return fmt.Errorf("sector %d beyond the end of the file (%d sectors)", s, f.nSectors)
	}
	off := (int64(s) + 1) * f.sectorSize
	n, err := f.ex.src.ReadAt(buf, off)
	if n < len(buf) {
		if off+int64(n) < f.ex.size {
			return fmt.Errorf("reading sector %d: %v", s, err)
		}
		clear(buf[n:])
	}
	return nil
}

// chainData follows a chain in fat from start and returns the concatenated
// sectors. With mini set, sectors are 64-byte slices of the mini stream;
// otherwise they are read from the file. A chain longer than the table
// itself has a cycle.
func (f *cfbFile) chainData(fat []uint32, start uint32, sectorSize int64, mini []byte, what string) ([]byte, error) {
	var out []byte
	buf := make([]byte, sectorSize)
	limit := f.ex.lim.MaxUnzipped
	for s, hops := start, 0; s != cfbEndOfChain; hops++ {
		if s > cfbMaxRegular || int(s) >= len(fat) {
			if s == cfbFree && hops == 0 {
				return nil, nil // an empty stream
			}
			return nil, fmt.Errorf("ole: %s chain: bad sector number %#x", what, s)
		}
		if hops > len(fat) {
			return nil, fmt.Errorf("ole: %s chain has a cycle", what)
		}
		if int64(len(out))+sectorSize > limit {
			return nil, fmt.Errorf("ole: %s is larger than %s", what, mib(limit))
		}
		if mini != nil {
			off := int64(s) * sectorSize
			if off+sectorSize > int64(len(mini)) {
				return nil, fmt.Errorf("ole: %s chain: mini sector %d beyond the mini stream", what, s)
			}
			out = append(out, mini[off:off+sectorSize]...)
		} else {
			if err := f.readSector(s, buf); err != nil {
				return nil, fmt.Errorf("ole: %s: %w", what, err)
			}
			out = append(out, buf...)
		}
		s = fat[s]
	}
	return out, nil
}

// rootStreams returns the streams directly under the root storage, by the
// red-black tree of the root's children (embedded objects live in child
// storages and are not included).
func (f *cfbFile) rootStreams() map[string]*cfbEntry {
	out := map[string]*cfbEntry{}
	seen := make(map[uint32]bool)
	stack := []uint32{f.dir[0].child}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if i == cfbNoStream || int(i) >= len(f.dir) || seen[i] {
			continue
		}
		seen[i] = true
		e := &f.dir[i]
		if e.kind == 2 || e.kind == 1 {
			name := strings.ToLower(e.name)
			if _, dup := out[name]; !dup {
				out[name] = e
			}
		}
		stack = append(stack, e.left, e.right)
	}
	return out
}

// stream reads a whole stream, from the mini stream when it is small.
func (f *cfbFile) stream(e *cfbEntry) ([]byte, error) {
	if e.size > uint64(f.ex.lim.MaxUnzipped) || e.size > uint64(f.ex.size)*2 {
		return nil, fmt.Errorf("ole: stream %s claims %d bytes", e.name, e.size)
	}
	var data []byte
	var err error
	if e.size < f.miniCutoff {
		if f.miniStream == nil {
			root := &f.dir[0]
			f.miniStream, err = f.chainData(f.fat, root.start, f.sectorSize, nil, "mini stream")
			if err != nil {
				return nil, err
			}
			if uint64(len(f.miniStream)) > root.size {
				f.miniStream = f.miniStream[:root.size]
			}
		}
		data, err = f.chainData(f.miniFAT, e.start, 64, f.miniStream, "stream "+e.name)
	} else {
		data, err = f.chainData(f.fat, e.start, f.sectorSize, nil, "stream "+e.name)
	}
	if err != nil {
		return nil, err
	}
	if uint64(len(data)) < e.size {
		return nil, fmt.Errorf("ole: stream %s is %d bytes, its chain holds %d", e.name, e.size, len(data))
	}
	return data[:e.size], nil
}
