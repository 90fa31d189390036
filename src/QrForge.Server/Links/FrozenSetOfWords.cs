namespace QrForge.Server.Links;

/// <summary>A small set of words compared ignoring case.</summary>
public sealed class FrozenSetOfWords(params string[] words)
{
    private readonly System.Collections.Frozen.FrozenSet<string> _words =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(words, StringComparer.OrdinalIgnoreCase);

    public bool Contains(string word) => _words.Contains(word);
}
