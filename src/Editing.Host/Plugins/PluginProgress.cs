namespace Editing.Host.Plugins;

/// <summary>One progress report of a plugin call.</summary>
/// <param name="Fraction">0..1 of the call; never decreases during a call.</param>
/// <param name="Message">What the plugin is doing now, or null when it kept its last message.</param>
public readonly record struct PluginProgress(double Fraction, string? Message);
