using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace QrForge.Cli.Repl;

/// <summary>
/// Completion by symbol lookup: the line so far is compiled as the next submission and Roslyn's semantic model lists
/// the symbols in scope at the cursor: members of the expression before a dot, or else the variables, the console's
/// globals, and the types and namespaces of the imports.
/// </summary>
internal static class Completion
{
    public static IReadOnlyList<string> Candidates(Script? previous, ScriptOptions options, string text, int position)
    {
        position = Math.Clamp(position, 0, text.Length);
        var start = position;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        var prefix = text[start..position];
        var script = previous is null
            ? Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create(text, options, typeof(ConsoleGlobals))
            : previous.ContinueWith(text, options);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        IEnumerable<ISymbol> symbols;
        if (start > 0 && text[start - 1] == '.')
        {
            var token = tree.GetRoot().FindToken(start - 1);
            var receiver = token.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Expression,
                QualifiedNameSyntax qualified => qualified.Left,
                _ => null,
            };
            if (receiver is null)
            {
                return [];
            }

            var info = model.GetSymbolInfo(receiver).Symbol;
            if (info is INamespaceOrTypeSymbol container && info is not ILocalSymbol)
            {
                symbols = model.LookupSymbols(start, container, includeReducedExtensionMethods: true)
                    .Where(s => s is INamespaceOrTypeSymbol || s.IsStatic);
            }
            else if (model.GetTypeInfo(receiver).Type is { } type)
            {
                symbols = model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { IsExtensionMethod: true });
            }
            else
            {
                return [];
            }
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }

        return symbols
            .Where(s => s.CanBeReferencedByName && !s.IsImplicitlyDeclared && s.DeclaredAccessibility is Accessibility.Public or Accessibility.NotApplicable)
            .Select(s => s.Name)
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
