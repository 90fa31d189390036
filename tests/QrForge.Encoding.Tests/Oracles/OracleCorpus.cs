using System.Globalization;
using System.Text;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>The kinds of text the corpus generates.</summary>
internal enum TextKind
{
    Numeric,
    Alphanumeric,
    Ascii,
    Kanji,
    Mixed,
}

/// <summary>
/// The deterministic corpus of symbols for the decoders (seeded <see cref="Random"/>; the encoder is deterministic).
/// Every text is one both readers interpret the same way: non-ASCII bytes appear only under an ECI, because
/// without one zbar 0.23 guesses the character set of byte data (and guesses UTF-8 Latin letters as Shift JIS),
/// while kanji mode carries Japanese text unambiguously.
/// </summary>
internal static class OracleCorpus
{
    public const string Digits = "0123456789";
    public const string AlphanumericSet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    // Printable ASCII plus newline and tab (zbar and ZXing print both raw).
    public static readonly string AsciiSet = new([.. Enumerable.Range(0x20, 0x5F).Select(c => (char)c), '\n', '\t']);

    // Kana and common kanji whose Shift JIS codes are the same in JIS X 0208 (readers, Python) and CP932 (.NET).
    public const string KanjiSet =
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん" +
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー" +
        "漢字日本語東京大阪水火木金土月年時分円人口山川田中上下左右前後名前電話番号住所品質管理製造部品" +
        "検査出荷入庫在庫会社株式情報技術開発試験結果合格不良";

    public static readonly string[] NonLatinWords =
    [
        "Привет", "мир", "съешь", "ещё", "этих", "мягких", "булок", "Γειά", "σου", "κόσμε", "Ωμέγα",
        "مرحبا", "بالعالم", "שלום", "עולם", "你好", "世界", "欢迎使用", "二维码", "안녕하세요", "세계",
        "สวัสดี", "ชาวโลก", "नमस्ते", "दुनिया", "Ελλάδα", "Україна", "Straße", "façade", "😀", "🎉🚀", "€100",
    ];

    public static readonly string[] Latin1Words =
    [
        "Grüße", "déjà", "vu", "ñandú", "Ærøskøbing", "¿qué?", "¡sí!", "façade", "naïve", "crème", "brûlée",
        "£5", "©2024", "µm", "±0.5", "½", "Ångström", "Þór", "Ðoð",
    ];

    public static readonly Ecc[] Levels = [Ecc.L, Ecc.M, Ecc.Q, Ecc.H];

    /// <summary>QR Code symbols for both decoders: at least 2,000, covering every version, level, mask and mode.</summary>
    public static List<OracleCase> QrCodes(int seed)
    {
        var random = new Random(seed);
        var cases = new List<OracleCase>();
        Grid(random, cases);
        EciTexts(random, cases);
        Binary(random, cases);
        RandomTexts(random, cases);
        Fnc1(random, cases);
        foreach (var ecc in Levels)
        {
            var o = new QrEncodeOptions { Ecc = ecc, Mask = (int)ecc * 2 };
            cases.Add(TextCase("empty text " + Describe(o), "", o));
        }

        return cases;
    }

    /// <summary>
    /// Every version 1–40 at every level in every single mode and in mixed text, with the version, the mode and
    /// the mask forced (the mask cycles so each level and mode meets all eight), filled to 60–100 % of capacity.
    /// </summary>
    private static void Grid(Random random, List<OracleCase> cases)
    {
        TextKind[] kinds = [TextKind.Numeric, TextKind.Alphanumeric, TextKind.Ascii, TextKind.Kanji, TextKind.Mixed];
        for (var version = 1; version <= 40; version++)
        {
            foreach (var ecc in Levels)
            {
                foreach (var kind in kinds)
                {
                    var o = new QrEncodeOptions
                    {
                        Ecc = ecc,
                        MinVersion = version,
                        MaxVersion = version,
                        Mask = (version * 5 + (int)ecc + (int)kind) % 8,
                        Mode = ForcedMode(kind),
                    };
                    var text = Fill(random, o, n => Text(random, kind, n), 0.6);
                    cases.Add(TextCase($"grid {kind} {Describe(o)}", text, o));
                }
            }
        }
    }

    /// <summary>ECI 26 (UTF-8) in many scripts, ECI 3 (ISO-8859-1) and ECI 20 (Shift JIS).</summary>
    private static void EciTexts(Random random, List<OracleCase> cases)
    {
        for (var i = 0; i < 160; i++)
        {
            var o = RandomOptions(random, maxVersion: 1 + random.Next(40)) with { Eci = 26 };
            var text = Fill(random, o, n => Words(random, NonLatinWords, n), 0.1);
            cases.Add(TextCase($"ECI 26 {Describe(o)}", text, o));
        }

        for (var i = 0; i < 40; i++)
        {
            var o = RandomOptions(random, maxVersion: 1 + random.Next(25)) with { Eci = 3 };
            var text = Fill(random, o, n => Words(random, Latin1Words, n), 0.1);
            cases.Add(TextCase($"ECI 3 {Describe(o)}", text, o));
        }

        for (var i = 0; i < 40; i++)
        {
            var o = RandomOptions(random, maxVersion: 1 + random.Next(25)) with { Eci = 20 };
            var text = Fill(random, o, n => Text(random, TextKind.Kanji, n), 0.1);
            cases.Add(TextCase($"ECI 20 {Describe(o)}", text, o));
        }

        // UTF-16BE: zbar 0.23 prints these bytes without converting them, so only ZXing is asked.
        for (var i = 0; i < 20; i++)
        {
            var o = RandomOptions(random, maxVersion: 1 + random.Next(20)) with { Eci = 25 };
            var text = Fill(random, o, n => Words(random, NonLatinWords, n), 0.1);
            cases.Add(TextCase($"ECI 25 {Describe(o)}", text, o) with { Zbar = false });
        }
    }

    /// <summary>Random bytes (all 256 values) in byte mode, compared as bytes.</summary>
    private static void Binary(Random random, List<OracleCase> cases)
    {
        for (var i = 0; i < 160; i++)
        {
            var o = RandomOptions(random, maxVersion: 1 + random.Next(40));
            var max = LargestFitting(n => QrCode.TryEncodeBinary(new byte[n], o with { Mask = 0 }, out _), 3000);
            var data = new byte[Math.Max(1, (int)(max * (0.1 + 0.9 * random.NextDouble())))];
            random.NextBytes(data);
            var code = QrCode.EncodeBinary(data, o);
            cases.Add(new OracleCase { Name = $"binary {data.Length} bytes {Describe(o)}", Symbols = [code], Bytes = data });
        }
    }

    /// <summary>Random texts of every kind with random levels, version ranges, masks (or the penalty's choice) and boosting.</summary>
    private static void RandomTexts(Random random, List<OracleCase> cases)
    {
        for (var i = 0; i < 820; i++)
        {
            // Small versions are the common case; favour them so the suite stays quick.
            var maxVersion = 1 + (int)(40 * Math.Pow(random.NextDouble(), 2));
            var kind = (TextKind)random.Next(5);
            var o = RandomOptions(random, maxVersion) with { Mode = random.Next(2) == 0 ? ForcedMode(kind) : null };
            var text = Fill(random, o, n => Text(random, kind, n), 0.02);
            cases.Add(TextCase($"random {kind} {Describe(o)}", text, o));
        }
    }

    /// <summary>GS1 element strings (FNC1 first) and industry data (FNC1 second, numeric and letter indicators).</summary>
    private static void Fnc1(Random random, List<OracleCase> cases)
    {
        for (var i = 0; i < 60; i++)
        {
            // '%' between fields in alphanumeric data, or GS itself (then carried in byte mode): both mean FNC1.
            var useGs = i % 2 == 1;
            var separator = useGs ? "\u001d" : "%";
            var gtin = Pick(random, Digits, 14);
            var batch = Pick(random, Digits + "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1 + random.Next(20));
            var serial = Pick(random, Digits + "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1 + random.Next(20));
            var text = $"01{gtin}10{batch}{separator}17{Pick(random, Digits, 6)}21{serial}";
            if (random.Next(3) == 0)
            {
                text += $"{separator}3103{Pick(random, Digits, 6)}";
            }

            var o = RandomOptions(random, maxVersion: 40) with { Fnc1 = QrFnc1.First };
            var code = QrCode.EncodeText(text, o);
            cases.Add(new OracleCase
            {
                Name = $"FNC1 first {Describe(o)} {OracleCase.Show(text)}",
                Symbols = [code],
                Text = text.Replace('%', '\u001d'),
                Identifier = "]Q3",
            });
        }

        for (var i = 0; i < 40; i++)
        {
            // Two digits 00-99 or one letter a-z, A-Z.
            var indicator = i % 2 == 0
                ? random.Next(100).ToString("D2", CultureInfo.InvariantCulture)
                : ((char)(random.Next(2) == 0 ? random.Next('a', 'z' + 1) : random.Next('A', 'Z' + 1))).ToString();
            var data = Text(random, random.Next(2) == 0 ? TextKind.Ascii : TextKind.Alphanumeric, 1 + random.Next(60)).Replace("%", "", StringComparison.Ordinal);
            var o = RandomOptions(random, maxVersion: 40) with { Fnc1 = QrFnc1.Second, ApplicationIndicator = indicator };
            var code = QrCode.EncodeText(data, o);
            cases.Add(new OracleCase
            {
                Name = $"FNC1 second indicator {indicator} {Describe(o)}",
                Symbols = [code],
                Text = indicator + data,
                Identifier = "]Q5",
            });
        }
    }

    /// <summary>Micro QR symbols for ZXing: every version, every level each allows, masks 0–3, every mode each allows.</summary>
    public static List<OracleCase> MicroCodes(int seed)
    {
        var random = new Random(seed);
        var cases = new List<OracleCase>();
        for (var version = 1; version <= 4; version++)
        {
            foreach (var ecc in Levels)
            {
                if (!Properties.IsoTables.Exists(version, ecc, micro: true))
                {
                    continue;
                }

                foreach (var kind in new[] { TextKind.Numeric, TextKind.Alphanumeric, TextKind.Ascii, TextKind.Kanji, TextKind.Mixed })
                {
                    // Mixed text needs byte and kanji mode, which M1 and M2 lack.
                    var mode = ForcedMode(kind) ?? QrMode.Kanji;
                    if (Properties.IsoTables.CountBits(mode, version, micro: true) == 0)
                    {
                        continue;
                    }

                    for (var mask = 0; mask < 4; mask++)
                    {
                        for (var fill = 0; fill < 2; fill++)
                        {
                            var o = new QrEncodeOptions
                            {
                                Micro = true,
                                Ecc = ecc,
                                MinVersion = version,
                                MaxVersion = version,
                                Mask = mask,
                                Mode = ForcedMode(kind),
                            };
                            var text = Fill(random, o, n => Text(random, kind, n), fill == 0 ? 1.0 : 0.3);
                            cases.Add(TextCase($"Micro {kind} {Describe(o)}", text, o) with { Zbar = false });
                        }
                    }
                }
            }
        }

        return cases;
    }

    public static OracleCase TextCase(string name, string text, QrEncodeOptions o) => new()
    {
        Name = $"{name} {OracleCase.Show(text)}",
        Symbols = [QrCode.EncodeText(text, o)],
        Text = text,
    };

    public static string Describe(QrEncodeOptions o)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Ecc={o.Ecc} Versions={(o.Micro ? "M" : "")}{o.MinVersion}-{(o.Micro && o.MaxVersion == 40 ? 4 : o.MaxVersion)}");
        sb.Append(CultureInfo.InvariantCulture, $" Mask={(o.Mask is int m ? m.ToString(CultureInfo.InvariantCulture) : "auto")}");
        sb.Append(CultureInfo.InvariantCulture, $" Mode={(o.Mode is QrMode mode ? mode.ToString() : "auto")}");
        if (o.BoostEcc)
        {
            sb.Append(" BoostEcc");
        }

        if (o.Eci is int eci)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Eci={eci}");
        }

        if (o.Fnc1 != QrFnc1.None)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Fnc1={o.Fnc1}");
        }

        return sb.ToString();
    }

    public static QrMode? ForcedMode(TextKind kind) => kind switch
    {
        TextKind.Numeric => QrMode.Numeric,
        TextKind.Alphanumeric => QrMode.Alphanumeric,
        TextKind.Ascii => QrMode.Byte,
        TextKind.Kanji => QrMode.Kanji,
        _ => null,
    };

    private static QrEncodeOptions RandomOptions(Random random, int maxVersion)
    {
        var minVersion = 1 + random.Next(maxVersion);
        return new QrEncodeOptions
        {
            Ecc = Levels[random.Next(4)],
            MinVersion = minVersion,
            MaxVersion = maxVersion,
            Mask = random.Next(3) == 0 ? null : random.Next(8),
            BoostEcc = random.Next(4) == 0,
        };
    }

    /// <summary>A text from <paramref name="make"/> cut to a random length between <paramref name="minShare"/> and all of what fits.</summary>
    public static string Fill(Random random, QrEncodeOptions o, Func<int, string> make, double minShare)
    {
        var probe = o with { Mask = 0, BoostEcc = false };
        // Numeric mode is the densest at 10 bits for 3 characters, so no more characters than this can fit.
        var maxVersion = o.Micro && o.MaxVersion == 40 ? 4 : o.MaxVersion;
        var pool = make(Properties.IsoTables.DataBits(maxVersion, o.Ecc, o.Micro) * 3 / 10 + 4);
        var max = LargestFitting(n => QrCode.TryEncodeText(Cut(pool, n), probe, out _), pool.Length);
        if (max < 1)
        {
            throw new InvalidOperationException($"Nothing fits in {Describe(o)}.");
        }

        var length = Math.Max(1, (int)Math.Round(max * (minShare + (1 - minShare) * random.NextDouble())));
        return Cut(pool, length);
    }

    // A prefix that does not end inside a surrogate pair.
    private static string Cut(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..Math.Min(length, text.Length)];

    /// <summary>The largest n in 0..upper with fits(n), assuming fits is monotone.</summary>
    public static int LargestFitting(Func<int, bool> fits, int upper)
    {
        int lo = 0, hi = upper;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (fits(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    public static string Text(Random random, TextKind kind, int length) => kind switch
    {
        TextKind.Numeric => Pick(random, Digits, length),
        TextKind.Alphanumeric => Pick(random, AlphanumericSet, length),
        TextKind.Ascii => Pick(random, AsciiSet, length),
        TextKind.Kanji => Pick(random, KanjiSet, length),
        _ => Mixed(random, length),
    };

    /// <summary>Runs of digits, upper-case alphanumerics, lower-case ASCII and kanji: optimal segmentation mixes modes.</summary>
    private static string Mixed(Random random, int length)
    {
        var sb = new StringBuilder(length + 40);
        while (sb.Length < length)
        {
            sb.Append(random.Next(4) switch
            {
                0 => Pick(random, Digits, 1 + random.Next(24)),
                1 => Pick(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ:/.-", 1 + random.Next(16)),
                2 => Pick(random, "abcdefghijklmnopqrstuvwxyz @#!?", 1 + random.Next(16)),
                _ => Pick(random, KanjiSet, 1 + random.Next(8)),
            });
        }

        return sb.ToString(0, length);
    }

    private static string Words(Random random, string[] words, int minLength)
    {
        var sb = new StringBuilder();
        while (sb.Length < minLength)
        {
            if (sb.Length > 0)
            {
                sb.Append(random.Next(5) == 0 ? ", " : " ");
            }

            sb.Append(random.Next(6) == 0 ? Pick(random, Digits + "abcxyzABC", 1 + random.Next(6)) : words[random.Next(words.Length)]);
        }

        return sb.ToString();
    }

    public static string Pick(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
