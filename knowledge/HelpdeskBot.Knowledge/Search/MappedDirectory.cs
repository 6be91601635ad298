using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// An index folder read through memory maps, as Lucene.Net's <see cref="MMapDirectory"/> does, with inputs that are
/// cheap to copy. Lucene copies ("clones") an input for every postings list it opens and every skip list it loads:
/// hundreds per search. Lucene.Net's memory-mapped input registers each copy in a <c>ConditionalWeakTable</c>, so that
/// closing the file can disable them. A profile of search showed that bookkeeping (and its weak handles, which every
/// garbage collection then walks) as a tenth of a search's time, more with reading through its byte buffers. Here a
/// copy is a plain object copy and a read is a pointer read.
/// Writing, locking and syncing are <see cref="FSDirectory"/>'s own.
/// <para>As with Lucene's, an input and its copies must not be used after the input is closed. Lucene's readers are
/// reference counted and close their files only when no search holds them; a copy used after that gets an
/// <see cref="ObjectDisposedException"/>, checked before each read.</para>
/// </summary>
public sealed class MappedDirectory(DirectoryInfo path, LockFactory? lockFactory = null) : FSDirectory(path, lockFactory)
{
    public MappedDirectory(string path) : this(new DirectoryInfo(path))
    {
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        EnsureCanRead(name);
        var file = Path.Combine(Directory.FullName, name);
        return new MappedInput($"MappedInput(path=\"{file}\")", Mapping.Of(file));
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context) =>
        new Slicer(this, (MappedInput)OpenInput(name, context));

    // A compound file's parts are slices of its one mapping.
    private sealed class Slicer(MappedDirectory directory, MappedInput full) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            directory.EnsureOpen();
            return full.Slice(sliceDescription, offset, length);
        }

        [Obsolete("Only for reading compound files of Lucene 3.x indexes.")]
        public override IndexInput OpenFullSlice()
        {
            directory.EnsureOpen();
            return (IndexInput)full.Clone();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) full.Dispose();
        }
    }

    /// <summary>A file mapped into memory once, shared by its input, that input's copies and slices.</summary>
    internal sealed unsafe class Mapping : IDisposable
    {
        private readonly MemoryMappedFile? _file;
        private readonly MemoryMappedViewAccessor? _view;
        private int _disposed;

        private Mapping(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* start, long length)
        {
            _file = file;
            _view = view;
            Start = start;
            Length = length;
        }

        public byte* Start { get; }

        public long Length { get; }

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public static Mapping Of(string path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            MemoryMappedFile? file = null;
            try
            {
                var length = stream.Length;
                if (length == 0)
                {
                    stream.Dispose();
                    return new Mapping(null, null, null, 0); // an empty file cannot be mapped
                }

                file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
                var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                byte* start = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
                return new Mapping(file, view, start + view.PointerOffset, length); // the mapping owns the file, the file the stream
            }
            catch
            {
                if (file is not null) file.Dispose();
                else stream.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (_view is not null)
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
            }

            _file?.Dispose();
        }
    }

    /// <summary>
    /// A file, or a slice of one, read from its mapping. Big-endian, as Lucene writes. Copies share the mapping; only
    /// the input <see cref="MappedDirectory.OpenInput"/> returned (or a slicer's) releases it.
    /// </summary>
    internal sealed unsafe class MappedInput : IndexInput
    {
        private readonly Mapping _mapping;
        private readonly byte* _start;
        private readonly long _length;
        private readonly bool _owner;
        private long _position;

        public MappedInput(string description, Mapping mapping) : this(description, mapping, mapping.Start, mapping.Length, owner: true)
        {
        }

        private MappedInput(string description, Mapping mapping, byte* start, long length, bool owner) : base(description)
        {
            _mapping = mapping;
            _start = start;
            _length = length;
            _owner = owner;
        }

        public override long Length => _length;

        public override long Position => _position;

        public override void Seek(long pos)
        {
            EnsureOpen();
            ArgumentOutOfRangeException.ThrowIfNegative(pos);
            if (pos > _length) throw new EndOfStreamException($"seek past EOF: {this}");
            _position = pos;
        }

        public override byte ReadByte()
        {
            EnsureOpen();
            if (_position >= _length) throw new EndOfStreamException($"read past EOF: {this}");
            return _start[_position++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            EnsureOpen();
            ArgumentOutOfRangeException.ThrowIfNegative(len);
            if (len > _length - _position) throw new EndOfStreamException($"read past EOF: {this}");
            new ReadOnlySpan<byte>(_start + _position, len).CopyTo(b.AsSpan(offset, len));
            _position += len;
        }

        public override short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

        public override int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public override long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        // Variable-length integers, decoded from the mapping (the base class reads them a byte at a time, each a virtual call).
        public override int ReadVInt32()
        {
            EnsureOpen();
            if (_length - _position < 5) return base.ReadVInt32(); // near the end: the base class's checks
            var at = _start + _position;
            var result = 0;
            for (var k = 0; k < 4; k++)
            {
                var b = at[k];
                result |= (b & 0x7F) << (7 * k);
                if (b < 0x80)
                {
                    _position += k + 1;
                    return result;
                }
            }

            var last = at[4]; // the fifth byte holds the top four bits
            if ((last & 0xF0) != 0) throw new IOException("Invalid VInt32 detected (too many bits)");
            _position += 5;
            return result | (last << 28);
        }

        public override long ReadVInt64()
        {
            EnsureOpen();
            if (_length - _position < 9) return base.ReadVInt64();
            var at = _start + _position;
            var result = 0L;
            for (var k = 0; k < 9; k++)
            {
                var b = at[k];
                result |= (long)(b & 0x7F) << (7 * k);
                if (b < 0x80)
                {
                    _position += k + 1;
                    return result;
                }
            }

            throw new IOException("Invalid VInt64 detected (negative values disallowed)");
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            EnsureOpen();
            if (count > _length - _position) throw new EndOfStreamException($"read past EOF: {this}");
            var span = new ReadOnlySpan<byte>(_start + _position, count);
            _position += count;
            return span;
        }

        public override object Clone()
        {
            EnsureOpen();
            return new MappedInput(ToString(), _mapping, _start, _length, owner: false) { _position = _position };
        }

        public MappedInput Slice(string description, long offset, long length)
        {
            EnsureOpen();
            if (offset < 0 || length < 0 || offset > _length - length)
            {
                throw new ArgumentException($"slice() {description} out of bounds: offset={offset}, length={length}, fileLength={_length}: {this}");
            }

            return new MappedInput($"{ToString()} [slice={description}]", _mapping, _start + offset, length, owner: false);
        }

        private void EnsureOpen()
        {
            if (_mapping.IsDisposed) throw new ObjectDisposedException(ToString(), "Already closed: " + this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _owner) _mapping.Dispose();
        }
    }
}
