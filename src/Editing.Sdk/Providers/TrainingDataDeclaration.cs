namespace Editing.Sdk.Providers;

/// <summary>
/// What the provider's operator declares about a model's training data (copied into every provenance record and
/// checked by studio policy). Values come from provider configuration, never from the model.
/// </summary>
/// <param name="Source">One of <c>owned</c> (the studio's own material), <c>licensed</c>, <c>public-domain</c>,
/// <c>synthetic</c>, <c>mixed</c>, <c>unknown</c> or <c>undeclared</c>.</param>
/// <param name="Licence">Licence or agreement name, or empty.</param>
/// <param name="Reference">Where the declaration is documented (URL or document id), or empty.</param>
public sealed record TrainingDataDeclaration(string Source, string Licence = "", string Reference = "")
{
    /// <summary>Nothing declared.</summary>
    public static TrainingDataDeclaration Undeclared { get; } = new("undeclared");
}
