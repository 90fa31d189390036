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
