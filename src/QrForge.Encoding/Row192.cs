using System.Numerics;

namespace QrForge.Encoding;

internal readonly struct Row192(ulong a, ulong b, ulong c) : IBitRow<Row192>
{
    private readonly ulong _a = a;
    private readonly ulong _b = b;
    private readonly ulong _c = c;

    public static Row192 Load(ReadOnlySpan<ulong> words) => new(words[0], words[1], words[2]);

    public static Row192 LowBits(int count) => count >= 128
        ? new(ulong.MaxValue, ulong.MaxValue, Row128.Row64Low(count - 128))
        : count >= 64 ? new(ulong.MaxValue, Row128.Row64Low(count - 64), 0) : new(Row128.Row64Low(count), 0, 0);

    public static Row192 And(Row192 x, Row192 y) => new(x._a & y._a, x._b & y._b, x._c & y._c);

    public static Row192 Or(Row192 x, Row192 y) => new(x._a | y._a, x._b | y._b, x._c | y._c);

    public static Row192 Xor(Row192 x, Row192 y) => new(x._a ^ y._a, x._b ^ y._b, x._c ^ y._c);

    public static Row192 AndNot(Row192 x, Row192 y) => new(x._a & ~y._a, x._b & ~y._b, x._c & ~y._c);

    public static Row192 Not(Row192 x) => new(~x._a, ~x._b, ~x._c);

    public static Row192 Down(Row192 x, int k) =>
        new(x._a >> k | x._b << (64 - k), x._b >> k | x._c << (64 - k), x._c >> k);

    public static Row192 Up(Row192 x, int k) =>
        new(x._a << k, x._b << k | x._a >> (64 - k), x._c << k | x._b >> (64 - k));

    public static int PopCount(Row192 x) =>
        BitOperations.PopCount(x._a) + BitOperations.PopCount(x._b) + BitOperations.PopCount(x._c);
}
