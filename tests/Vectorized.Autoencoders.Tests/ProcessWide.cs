namespace Vectorized.Autoencoders.Tests;

/// <summary>
/// Tests that change a setting the whole process reads (<c>IsaSelector.Force</c>,
/// <c>ParallelPolicy.SplitAlways</c>) run in this collection, alone: run beside other tests, a
/// forced scalar path or the measured thread policy would reach into whatever those tests compute
/// at that moment, and a same-bits comparison there could fail for no fault of its own.
/// </summary>
[CollectionDefinition(nameof(ProcessWideSettings), DisableParallelization = true)]
public sealed class ProcessWideSettings;
