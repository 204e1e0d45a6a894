namespace Vectorized.Autoencoders.Tests;

/// <summary>
/// Tests that touch something the whole process shares run in this collection, alone:
/// <list type="bullet">
/// <item>those that change a process-wide setting (<c>IsaSelector.Force</c>, <c>ParallelPolicy.SplitAlways</c>):
/// beside other tests, a forced scalar path or the measured thread policy would reach into whatever
/// those tests compute at that moment, and a same-bits comparison there could fail for no fault of its own;</item>
/// <item>those that measure the worker pool's threads (their allocations): no other test's work may be in the pool.</item>
/// </list>
/// </summary>
[CollectionDefinition(nameof(ProcessWide), DisableParallelization = true)]
public sealed class ProcessWide;
