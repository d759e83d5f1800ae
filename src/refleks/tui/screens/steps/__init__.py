"""What the check-in and the team session share: a screen that shows one step at a time
(``screen``), the step views' base (``view``), and the value-focus step (``focus``)."""
