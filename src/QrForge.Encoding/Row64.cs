using System.Numerics;

namespace QrForge.Encoding;

internal readonly struct Row64(ulong a) : IBitRow<Row64>
{
    private readonly ulong _a = a;

    public static Row64 Load(ReadOnlySpan<ulong> words) => new(words[0]);

    public static Row64 LowBits(int count) => new(count >= 64 ? ulong.MaxValue : (1UL << count) - 1);

    public static Row64 And(Row64 a, Row64 b) => new(a._a & b._a);

    public static Row64 Or(Row64 a, Row64 b) => new(a._a | b._a);

    public static Row64 Xor(Row64 a, Row64 b) => new(a._a ^ b._a);

    public static Row64 AndNot(Row64 a, Row64 b) => new(a._a & ~b._a);

    public static Row64 Not(Row64 a) => new(~a._a);

    public static Row64 Down(Row64 a, int k) => new(a._a >> k);

    public static Row64 Up(Row64 a, int k) => new(a._a << k);

    public static int PopCount(Row64 a) => BitOperations.PopCount(a._a);
}
