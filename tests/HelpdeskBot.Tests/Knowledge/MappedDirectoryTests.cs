using HelpdeskBot.Knowledge.Search;
using Lucene.Net.Store;
using Xunit;
using IODirectory = System.IO.Directory;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// The index folder's reader: what it reads must be what Lucene.Net's own memory-mapped directory reads from the same
/// file, call for call, and its copies, slices and errors must behave as Lucene expects of an input.
/// </summary>
public sealed class MappedDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _folder = IODirectory.CreateTempSubdirectory("mapped-");
    private readonly MappedDirectory _mapped;
    private readonly MMapDirectory _lucenes;

    public MappedDirectoryTests()
    {
        _mapped = new MappedDirectory(_folder);
        _lucenes = new MMapDirectory(_folder);
    }

    public void Dispose()
    {
        _mapped.Dispose();
        _lucenes.Dispose();
        _folder.Delete(recursive: true);
    }

    // Every kind of value Lucene writes, with the variable-length ones at their boundaries and the file ending in
    // values whose last bytes are near the end (where the mapped reader falls back to reading a byte at a time).
    private static readonly long[] Numbers = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, int.MaxValue];

    private void WriteSample(string name, int seed)
    {
        var random = new Random(seed);
        using var output = _mapped.CreateOutput(name, IOContext.DEFAULT);
        foreach (var n in Numbers)
        {
            output.WriteVInt32((int)n);
            output.WriteVInt64(n * 1_000_003L);
            output.WriteInt32((int)n ^ random.Next());
            output.WriteInt64(n * random.NextInt64());
            output.WriteInt16((short)random.Next(short.MinValue, short.MaxValue));
            output.WriteString($"word {n} é ✓");
            output.WriteByte((byte)random.Next(256));
        }

        output.WriteVInt64(long.MaxValue);
        var bytes = new byte[5000];
        random.NextBytes(bytes);
        output.WriteBytes(bytes, bytes.Length);
        output.WriteVInt32(int.MaxValue);
        output.WriteVInt32(300);
    }

    private static List<object> ReadSample(IndexInput input)
    {
        var values = new List<object>();
        foreach (var _ in Numbers)
        {
            values.Add(input.ReadVInt32());
            values.Add(input.ReadVInt64());
            values.Add(input.ReadInt32());
            values.Add(input.ReadInt64());
            values.Add(input.ReadInt16());
            values.Add(input.ReadString());
            values.Add(input.ReadByte());
        }

        values.Add(input.ReadVInt64());
        var bytes = new byte[5000];
        input.ReadBytes(bytes, 0, bytes.Length);
        values.Add(Convert.ToHexString(bytes));
        values.Add(input.ReadVInt32());
        values.Add(input.ReadVInt32());
        values.Add(input.Position);
        return values;
    }

    [Fact]
    public void ReadsWhatLuceneNetsOwnMemoryMappedDirectoryReads()
    {
        WriteSample("sample.bin", seed: 7);

        using var ours = _mapped.OpenInput("sample.bin", IOContext.DEFAULT);
        using var theirs = _lucenes.OpenInput("sample.bin", IOContext.DEFAULT);

        Assert.Equal(theirs.Length, ours.Length);
        Assert.Equal(ReadSample(theirs), ReadSample(ours));
        Assert.Equal(ours.Length, ours.Position);
    }

    [Fact]
    public void ACopyKeepsItsOwnPositionAndSeesTheSameBytes()
    {
        WriteSample("sample.bin", seed: 8);
        using var input = _mapped.OpenInput("sample.bin", IOContext.DEFAULT);
        input.Seek(3);

        var copy = (IndexInput)input.Clone();
        Assert.Equal(3, copy.Position);
        copy.Seek(0);
        var fromCopy = ReadSample(copy);
        Assert.Equal(3, input.Position);
        input.Seek(0);

        Assert.Equal(fromCopy, ReadSample(input));
    }

    [Fact]
    public void ASliceReadsItsPartOfTheFileAsAFileOfItsOwn()
    {
        using (var output = _mapped.CreateOutput("parts.bin", IOContext.DEFAULT))
        {
            output.WriteBytes([1, 2, 3, 4, 5, 6, 7, 8, 9], 9);
        }

        using var slicer = _mapped.CreateSlicer("parts.bin", IOContext.DEFAULT);
        var slice = slicer.OpenSlice("middle", 3, 4);

        Assert.Equal(4, slice.Length);
        Assert.Equal([4, 5, 6, 7], Enumerable.Range(0, 4).Select(_ => slice.ReadByte()));
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
        slice.Seek(1);
        Assert.Equal(5, ((IndexInput)slice.Clone()).ReadByte());
        Assert.Throws<ArgumentException>(() => slicer.OpenSlice("too far", 6, 4));
    }

    [Fact]
    public void ReadingOrSeekingPastTheEndIsAnEndOfStreamNotAStrayRead()
    {
        using (var output = _mapped.CreateOutput("short.bin", IOContext.DEFAULT))
        {
            output.WriteBytes([0x80, 0x80], 2); // a variable-length number cut off by the end of the file
        }

        using var input = _mapped.OpenInput("short.bin", IOContext.DEFAULT);

        Assert.Throws<EndOfStreamException>(() => input.ReadVInt32());
        input.Seek(0);
        Assert.Throws<EndOfStreamException>(() => input.ReadInt32());
        Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[3], 0, 3));
        Assert.Throws<EndOfStreamException>(() => input.Seek(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => input.Seek(-1));
        input.Seek(2); // the end itself is a valid position
        Assert.Equal(2, input.Position);
    }

    [Fact]
    public void AnEmptyFileOpensAndHasNothingToRead()
    {
        using (_mapped.CreateOutput("empty.bin", IOContext.DEFAULT))
        {
        }

        using var input = _mapped.OpenInput("empty.bin", IOContext.DEFAULT);

        Assert.Equal(0, input.Length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Fact]
    public void ACopyUsedAfterItsFileIsClosedFailsCleanly()
    {
        WriteSample("sample.bin", seed: 9);
        var input = _mapped.OpenInput("sample.bin", IOContext.DEFAULT);
        var copy = (IndexInput)input.Clone();

        input.Dispose();
        copy.Dispose(); // a copy's own close leaves the mapping to its file

        Assert.Throws<ObjectDisposedException>(() => copy.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => copy.ReadVInt32());
        Assert.Throws<ObjectDisposedException>(() => copy.Clone());
    }

    [Fact]
    public void AMissingFileIsNotFound()
    {
        Assert.ThrowsAny<FileNotFoundException>(() => _mapped.OpenInput("missing.bin", IOContext.DEFAULT));
    }
}
