using System.Numerics;

namespace QrForge.Encoding;

internal readonly struct Row128(ulong a, ulong b) : IBitRow<Row128>
{
    private readonly ulong _a = a;
    private readonly ulong _b = b;

    public static Row128 Load(ReadOnlySpan<ulong> words) => new(words[0], words[1]);

    public static Row128 LowBits(int count) => count >= 64
        ? new(ulong.MaxValue, Row64Low(count - 64))
        : new(Row64Low(count), 0);

    public static Row128 And(Row128 x, Row128 y) => new(x._a & y._a, x._b & y._b);

    public static Row128 Or(Row128 x, Row128 y) => new(x._a | y._a, x._b | y._b);

    public static Row128 Xor(Row128 x, Row128 y) => new(x._a ^ y._a, x._b ^ y._b);

    public static Row128 AndNot(Row128 x, Row128 y) => new(x._a & ~y._a, x._b & ~y._b);

    public static Row128 Not(Row128 x) => new(~x._a, ~x._b);

    public static Row128 Down(Row128 x, int k) => new(x._a >> k | x._b << (64 - k), x._b >> k);

    public static Row128 Up(Row128 x, int k) => new(x._a << k, x._b << k | x._a >> (64 - k));

    public static int PopCount(Row128 x) => BitOperations.PopCount(x._a) + BitOperations.PopCount(x._b);

    internal static ulong Row64Low(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;
}
