namespace QrForge.Server.Tests.Deploy;

/// <summary>
/// Tests that read process-wide state (every metric of the process on <c>/metrics</c>) run alone, after the
/// parallel ones, so other hosts starting and stopping around them cannot hide what they look for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Alone";
}
