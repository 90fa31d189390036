using System.Numerics;

namespace QrForge.Encoding;

/// <summary>
/// A row of up to 64, 128 or 192 modules held in registers, so the penalty rules can test whole rows with a
/// few shifts and masks. Bit x is module x; shifting right by k brings module x + k to position x.
/// Implemented by small structs so that generic code over it is specialised and inlined by the JIT.
/// </summary>
internal interface IBitRow<T>
    where T : struct, IBitRow<T>
{
    static abstract T Load(ReadOnlySpan<ulong> words);

    /// <summary>Bits 0 to <paramref name="count"/> − 1 set.</summary>
    static abstract T LowBits(int count);

    static abstract T And(T a, T b);

    static abstract T Or(T a, T b);

    static abstract T Xor(T a, T b);

    static abstract T AndNot(T a, T b);

    static abstract T Not(T a);

    /// <summary>Module x + k moves to x; zeros enter at the top. 1 ≤ k ≤ 63.</summary>
    static abstract T Down(T a, int k);

    /// <summary>Module x − k moves to x; zeros enter at the bottom. 1 ≤ k ≤ 63.</summary>
    static abstract T Up(T a, int k);

    static abstract int PopCount(T a);
}

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
