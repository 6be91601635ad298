using HelpdeskBot.Knowledge.Search.Semantic;

namespace HelpdeskBot.Tests.Knowledge;

public class Int8VectorTests
{
    [Theory]
    [InlineData(384)] // all-MiniLM-L6-v2
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(97)]
    [InlineData(200)]
    public void TheDotProductIsTheSumOfTheProductsAtAnyLength(int length)
    {
        var random = new Random(length);
        for (var n = 0; n < 50; n++)
        {
            var a = Vector(random, length);
            var b = Vector(random, length);
            var expected = 0;
            for (var i = 0; i < length; i++) expected += a[i] * b[i];

            Assert.Equal(expected, Int8Vector.Dot(a, b));
        }
    }

    [Fact]
    public void TheExtremesDoNotOverflow()
    {
        var a = Enumerable.Repeat((sbyte)-127, 384).ToArray();
        var b = Enumerable.Repeat((sbyte)127, 384).ToArray();

        Assert.Equal(-127 * 127 * 384, Int8Vector.Dot(a, b));
        Assert.Equal(127 * 127 * 384, Int8Vector.Dot(a, a));
    }

    [Fact]
    public void AQuantizedUnitVectorKeepsItsCosineWithinAHundredth()
    {
        var random = new Random(7);
        var x = Unit(random);
        var y = Unit(random);
        var exact = x.Zip(y, (p, q) => p * q).Sum();
        var (qx, qy) = (new sbyte[384], new sbyte[384]);
        var scale = Int8Vector.Quantize(x, qx) * Int8Vector.Quantize(y, qy);

        Assert.InRange(Int8Vector.Dot(qx, qy) * scale, exact - 0.01, exact + 0.01);
    }

    private static sbyte[] Vector(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128))];

    private static float[] Unit(Random random)
    {
        var v = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(v.Sum(c => c * c));
        return [.. v.Select(c => c / norm)];
    }
}
