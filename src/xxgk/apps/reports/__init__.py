"""The annual report built from cases: tables 三 and 四 in the staff UI, checked, drilled down, downloaded."""
